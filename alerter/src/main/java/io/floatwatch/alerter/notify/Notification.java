package io.floatwatch.alerter.notify;

/** Something a person on call is told: a finding's lifecycle step, or a failover event. */
public sealed interface Notification permits FindingNotification, EventNotification {
}
