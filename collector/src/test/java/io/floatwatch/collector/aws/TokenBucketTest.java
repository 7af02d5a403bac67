package io.floatwatch.collector.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The two priorities of the EC2 bucket, on a clock the test moves. */
class TokenBucketTest {

    private final AtomicLong now = new AtomicLong();

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void shouldTakeABackgroundTokenOnlyFromAFullBucket() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(2, 3, now::get);

        assertThat(bucket.tryTakeBackground()).isTrue();
        // 2 of 3 left: what a poll may still want at once, so the background waits for the refill.
        assertThat(bucket.tryTakeBackground()).isFalse();
        advanceMillis(499);
        assertThat(bucket.tryTakeBackground()).isFalse();
        advanceMillis(1);
        assertThat(bucket.tryTakeBackground()).isTrue();

        // A poll still finds all but one token at once, and the background waits again until they are back.
        bucket.acquire();
        bucket.acquire();
        assertThat(bucket.available()).isZero();
        assertThat(bucket.tryTakeBackground()).isFalse();
        advanceMillis(1_000);
        assertThat(bucket.tryTakeBackground()).isFalse();
        advanceMillis(500);
        assertThat(bucket.tryTakeBackground()).isTrue();
    }

    @Test
    void shouldLeaveTheTokenToAWaitingPollEvenWhenTheBucketIsFull() throws Exception {
        TokenBucket bucket = new TokenBucket(1, 1, now::get);
        bucket.acquire();
        Thread poll = new Thread(() -> {
            try {
                bucket.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        poll.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (poll.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        // The bucket refills to full while the poll sleeps: the token is the poll's, not the background's.
        advanceMillis(1_000);
        assertThat(bucket.tryTakeBackground()).isFalse();
        poll.join(10_000);
        assertThat(poll.isAlive()).isFalse();
        assertThat(bucket.available()).isZero();
    }

    @Test
    void shouldGiveUpABackgroundWaitThatIsNoLongerWantedAndTakeNothing() {
        TokenBucket bucket = new TokenBucket(1, 2, now::get);
        assertThat(bucket.tryTakeBackground()).isTrue();
        long started = System.nanoTime();

        assertThatThrownBy(() -> bucket.acquireBackground(() -> false)).isInstanceOf(CancellationException.class);

        assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(5));
        assertThat(bucket.available()).isEqualTo(1.0);
    }
}
