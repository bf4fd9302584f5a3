package io.punctual.scheduler.boot;

import io.punctual.scheduler.Job;
import io.punctual.scheduler.JobDefinition;

/** A job found on a bean: its definition, the code to run, and where it was declared (for messages). */
record DiscoveredJob(JobDefinition definition, Job job, String beanName, String method) {
}
