import { Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { UnavailableError } from '../common/errors/app-errors.js';
import { MessageConfig } from '../config/config.types.js';
import { InboundDispatcher, type InboundMessage } from '../webhook/webhook.types.js';
import { parseAnswer, replyTo, serializeAnswer } from './message-answer.codec.js';
import { MessageDedupeStore } from './message-dedupe.store.js';
import type { MessageOutcome, PlainAnswer } from './message.types.js';
import { releaseTestAction, type ReleaseTestAction } from './release-test.detector.js';
import { ReleaseTestResponder } from './release-test.responder.js';

export interface ProcessResult {
  answer: PlainAnswer;
  outcome: MessageOutcome;
}

/** WeChat resends within seconds (§6.3); keys outlive that comfortably. */
const SEEN_TTL_MS = 300_000;
/** The first delivery's answer, for resends: only needed while WeChat still resends. */
const ANSWER_TTL_MS = 60_000;
const RESEND_POLL_MS = 25;
const SUCCESS: PlainAnswer = { kind: 'success' };

/**
 * One authentic message: dedupe (a resend is never dispatched twice and gets the first answer),
 * then the release-test responder before any routing (§7: test accounts belong to no tenant), then
 * the webhook port.
 */
@Injectable()
export class InboundMessageProcessor {
  private readonly logger = new Logger(InboundMessageProcessor.name);

  constructor(
    private readonly dedupe: MessageDedupeStore,
    private readonly releaseTest: ReleaseTestResponder,
    private readonly config: MessageConfig,
    private readonly dispatcher: InboundDispatcher,
  ) {}

  /** `deadline` (epoch ms): how long a resend may wait for the first delivery's answer. */
  async process(message: InboundMessage, deadline: number): Promise<ProcessResult> {
    const key = message.dedupeKey;
    if (!(await this.claim(key))) return { answer: await this.answerOfFirst(key, deadline), outcome: 'duplicate' };
    let result: ProcessResult;
    try {
      result = await this.route(message);
    } catch (err) {
      // Not handed over: forget the claim so that WeChat's resend is processed afresh.
      await this.dedupe.release(key).catch(() => undefined);
      this.logger.error({ appid: message.appid, msgType: message.msgType, error: name(err) }, 'dispatch failed');
      throw new UnavailableError('the message could not be handed over; a resend will be processed');
    }
    await this.dedupe.remember(key, serializeAnswer(result.answer), ANSWER_TTL_MS).catch((err: unknown) => {
      this.logger.warn({ appid: message.appid, error: name(err) }, 'could not keep the answer for resends');
    });
    return result;
  }

  private async claim(key: string): Promise<boolean> {
    try {
      return await this.dedupe.claim(key, SEEN_TTL_MS);
    } catch (err) {
      // Better a possible double delivery (webhooks carry the dedupe key) than a lost message.
      this.logger.warn({ error: name(err) }, 'dedupe store unavailable; processing without it');
      return true;
    }
  }

  private async route(message: InboundMessage): Promise<ProcessResult> {
    const action = this.config.releaseTestResponder ? releaseTestAction(message.appid, message.fields) : null;
    if (action) return this.answerReleaseTest(message, action);
    const { reply } = await this.dispatcher.dispatch(message);
    if (!reply) return { answer: SUCCESS, outcome: 'success' };
    return { answer: replyTo(message.fields, reply, nowSec()), outcome: 'replied' };
  }

  private answerReleaseTest(message: InboundMessage, action: ReleaseTestAction): ProcessResult {
    const entry = { appid: message.appid, msgType: message.msgType, action: action.kind };
    // The API case starts WeChat calls worth an info line; the passive cases are answered inline.
    if (action.kind === 'api') this.logger.log(entry, 'release test message');
    else this.logger.debug(entry, 'release test message');
    switch (action.kind) {
      case 'reply':
        return {
          answer: replyTo(message.fields, { type: 'text', content: action.content }, nowSec()),
          outcome: 'release_test',
        };
      case 'api':
        // WeChat wants an empty answer at once; the exchange and the send follow (§7.2 step 5).
        this.releaseTest.answerWithApi(message.appid, action.code, message.fromUserName);
        return { answer: { kind: 'empty' }, outcome: 'release_test' };
      default:
        return { answer: SUCCESS, outcome: 'release_test' };
    }
  }

  /** A resend: the first delivery's answer once known (waiting for it up to `deadline`), else `success`. */
  private async answerOfFirst(key: string, deadline: number): Promise<PlainAnswer> {
    for (;;) {
      const stored = await this.dedupe.recall(key).catch(() => undefined);
      if (stored !== undefined) return parseAnswer(stored);
      if (Date.now() + RESEND_POLL_MS > deadline) return SUCCESS;
      await sleep(RESEND_POLL_MS);
    }
  }
}

function nowSec(): number {
  return Math.floor(Date.now() / 1000);
}

function name(err: unknown): string {
  return err instanceof Error ? err.name : 'unknown';
}
