/**
 * What every driver shares on top of a Transport: one operation at a time
 * (SendQueue), request/response with timeout and matching (ReplyWaiter), and
 * the configurable addressed framing of RS-485 buses (LED boards, keypads).
 */
export { SendQueue } from './send-queue.js';
export { ReplyWaiter, type ReplyMatch } from './reply-waiter.js';
