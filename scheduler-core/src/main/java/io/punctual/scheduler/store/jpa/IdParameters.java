package io.punctual.scheduler.store.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A list of ids in a query as a fixed number of single-valued parameters, {@code (:id0, :id1, ...)}, padded with
 * its last id to the next power of two. A query with a list-valued parameter ({@code in :ids}) is translated to SQL
 * again on every execution, since its SQL depends on the list's length: in S1's drain that translation took 15 % of
 * the claiming and completing threads' time. With a fixed shape per size class the provider translates each query
 * once per class, and the database sees a handful of statements it can keep prepared.
 */
final class IdParameters {

    /** The most ids one query takes; longer lists go in {@link #chunks}. */
    static final int MAX = 1024;

    private static final String[] LISTS = new String[Integer.numberOfTrailingZeros(MAX) + 1];
    private static final String[] MARKS = new String[LISTS.length];
    private static final String[] NAMES = new String[MAX];

    static {
        for (int p = 0; p < MAX; p++) {
            NAMES[p] = "id" + p;
        }
        StringBuilder list = new StringBuilder();
        StringBuilder marks = new StringBuilder();
        for (int i = 0, size = 1; size <= MAX; i++, size <<= 1) {
            for (int p = size / 2; p < size; p++) {
                list.append(p == 0 ? "" : ", ").append(":id").append(p);
                marks.append(p == 0 ? "?" : ", ?");
            }
            LISTS[i] = "(" + list + ")";
            MARKS[i] = "(" + marks + ")";
        }
    }

    private IdParameters() {
    }

    /** The parameter list for {@code count} ids (1 to {@link #MAX}), e.g. {@code (:id0, :id1, :id2, :id3)} for 3. */
    static String in(int count) {
        if (count < 1 || count > MAX) {
            throw new IllegalArgumentException("between 1 and " + MAX + " ids in one query, not " + count);
        }
        return LISTS[slot(count)];
    }

    /**
     * The JDBC parameter list for {@code count} ids (1 to {@link #MAX}), padded as {@link #in}, e.g. {@code (?, ?, ?, ?)}
     * for 3: a plain JDBC statement over a list of ids has a handful of shapes too, which the database keeps prepared.
     */
    static String marks(int count) {
        in(count);
        return MARKS[slot(count)];
    }

    /** Binds {@code ids} (as given to {@link #marks}) from JDBC parameter {@code first} on, repeating the last to fill the list. */
    static void bind(java.sql.PreparedStatement statement, int first, List<String> ids) throws java.sql.SQLException {
        int size = 1 << slot(ids.size());
        String last = ids.get(ids.size() - 1);
        for (int p = 0; p < size; p++) {
            statement.setString(first + p, p < ids.size() ? ids.get(p) : last);
        }
    }

    /** Binds {@code ids} (1 to {@link #MAX}, as given to {@link #in}) to {@code query}, repeating the last to fill the list. */
    static <Q extends Query> Q bind(Q query, List<?> ids) {
        int size = 1 << slot(ids.size());
        Object last = ids.get(ids.size() - 1);
        for (int p = 0; p < size; p++) {
            query.setParameter(NAMES[p], p < ids.size() ? ids.get(p) : last);
        }
        return query;
    }

    /**
     * {@code and <column> not in (?, ...)} for {@code ids}, one such list per {@link #chunks chunk}, padded as {@link #marks};
     * nothing when there are no ids.
     */
    static String notIn(String column, List<String> ids) {
        StringBuilder sql = new StringBuilder();
        for (List<String> chunk : chunks(ids)) {
            sql.append(" and ").append(column).append(" not in ").append(marks(chunk.size()));
        }
        return sql.toString();
    }

    /** Binds {@code ids} as {@link #notIn} lists them, from JDBC parameter {@code first} on; returns the next parameter's index. */
    static int bindAll(java.sql.PreparedStatement statement, int first, List<String> ids) throws java.sql.SQLException {
        int next = first;
        for (List<String> chunk : chunks(ids)) {
            bind(statement, next, chunk);
            next += 1 << slot(chunk.size());
        }
        return next;
    }

    /** {@code ids} in the order given, in lists of at most {@link #MAX}. */
    static <T> List<List<T>> chunks(Collection<T> ids) {
        List<T> all = List.copyOf(ids);
        if (all.size() <= MAX) {
            return all.isEmpty() ? List.of() : List.of(all);
        }
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += MAX) {
            chunks.add(all.subList(from, Math.min(all.size(), from + MAX)));
        }
        return chunks;
    }

    /**
     * The rows of {@code jpql}, whose {@code :ids} stands for {@code ids}: one query per chunk of {@link #MAX}, the rows in
     * chunk order; none when {@code ids} is empty. {@code tune} sets the query's other parameters, lock or limit.
     */
    static <T> List<T> list(EntityManager em, String jpql, Class<T> type, Collection<String> ids, UnaryOperator<TypedQuery<T>> tune) {
        List<T> rows = new ArrayList<>();
        for (List<String> chunk : chunks(ids)) {
            rows.addAll(tune.apply(bind(em.createQuery(expand(jpql, chunk), type), chunk)).getResultList());
        }
        return rows;
    }

    /** {@link #list} without further settings. */
    static <T> List<T> list(EntityManager em, String jpql, Class<T> type, Collection<String> ids) {
        return list(em, jpql, type, ids, UnaryOperator.identity());
    }

    /** Runs the update or delete {@code jpql}, whose {@code :ids} stands for {@code ids}, per chunk; returns the rows changed. */
    static int update(EntityManager em, String jpql, Collection<String> ids) {
        int changed = 0;
        for (List<String> chunk : chunks(ids)) {
            changed += bind(em.createQuery(expand(jpql, chunk)), chunk).executeUpdate();
        }
        return changed;
    }

    private static String expand(String jpql, List<String> chunk) {
        return jpql.replace(":ids", in(chunk.size()));
    }

    private static int slot(int count) {
        return 32 - Integer.numberOfLeadingZeros(count - 1); // 1 -> 0, 2 -> 1, 3..4 -> 2, 5..8 -> 3, ...
    }
}
