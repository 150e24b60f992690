/**
 * Telegram channel posts in distributed mode: the coordinator that receives a `channel_post` (the long-polling holder,
 * or any coordinator in webhook mode) only enqueues it, and a `cronista worker` ingests it (fetch nothing, clean,
 * extract, store: src/pipeline/channel-posts.ts), so extraction never runs on the process holding the chat connections.
 *
 * A worker killed mid-job: BullMQ's stalled-job check hands the job to another worker, and the store's unique
 * constraint on (source, item key) keeps the post stored once. An edited post is a job of its own (its text is in the
 * job id, so the same edit delivered twice — Telegram redelivering, two coordinators' webhooks — is one job).
 */
import { createHash } from 'node:crypto';
import type { JobsOptions, Queue } from 'bullmq';
import type { AppContext } from '../../core/context.ts';
import type { ChannelPost, ChannelPostOutcome } from '../../platforms/platform.ts';
import { matchesChannel } from '../../sources/telegram-channel.ts';
import type { JobData } from './processor.ts';

/** Finished channel-post jobs kept in Redis for inspection (and to answer a redelivered post by its id). */
const KEEP = { count: 1000 };

/**
 * Retries when the post's lease is held elsewhere (a run of a dead worker whose lease has not expired yet) or the store
 * failed: about 2 minutes in all, doubling from 1 s.
 */
const RETRY: Pick<JobsOptions, 'attempts' | 'backoff'> = { attempts: 8, backoff: { type: 'exponential', delay: 1000 } };

/** The job name of a channel post (processor.ts runs it). */
export const CHANNEL_POST_JOB = 'channel-post';

/** One id per post and text: BullMQ adds a job whose id it already holds only once. (Custom ids may not hold ':'.) */
export function channelPostJobId(post: ChannelPost, edited: boolean): string {
  const digest = createHash('sha256').update(`${edited ? 'edit' : 'post'}\n${post.item.key}\n${post.item.title ?? ''}\n${post.item.text}`).digest('hex').slice(0, 24);
  return `${CHANNEL_POST_JOB}-${digest}`;
}

/**
 * The hook the coordinator gives the chat platforms in distributed mode: each post of a subscribed channel becomes a
 * job on `queue` (posts of other channels are ignored here, as in-process, without a job).
 */
export function enqueueChannelPosts(app: AppContext, queue: Queue<JobData>): (post: ChannelPost, options: { edited: boolean }) => Promise<ChannelPostOutcome> {
  return async (post, { edited }) => {
    const { channel } = post;
    const subscribed = (await app.settings.effective()).sources.some((source) => matchesChannel(source.url, channel));
    if (!subscribed) return { status: 'ignored', reason: `channel ${channel.username ? `@${channel.username}` : channel.id} is not a source` };
    const jobId = channelPostJobId(post, edited);
    await queue.add(CHANNEL_POST_JOB, { target: post.item.key, post, edited }, { jobId, ...RETRY, removeOnComplete: KEEP, removeOnFail: KEEP });
    return { status: 'queued', job: jobId };
  };
}
