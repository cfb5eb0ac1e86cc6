import { describe, expect, it } from 'vitest';
import { KEYPAD_WINDOW_ACTIONS } from '../../../common/window-actions.js';
import { replies } from '../../../common/wire/replies.js';
import { WINDOW_ACTIONS, windowActionEvent, windowActions } from '../../../common/wire/window-actions.js';
import { KEY_CODES } from '../../../drivers/keypad/protocol.js';
import type { Deps } from '../../../server/app/deps.js';
import { WINDOW_ACTION_TABLE } from '../../../server/app/window-action-table.js';
import { windowRoutes } from '../../../server/http/routes/windows.js';

/** Issue 12 §3: call-next, recall, no-show, start, finish, transfer, pause, resume, call-ticket, restore, open, close. */
const ISSUE_12 = ['call-next', 'recall', 'no-show', 'start', 'finish', 'transfer', 'pause', 'resume', 'call-ticket', 'restore', 'open', 'close'];

describe('the window-action table', () => {
  it('declares every window action of issue 12 once, restore included, with the subject and input declared in common/', () => {
    const names = WINDOW_ACTION_TABLE.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([...ISSUE_12].sort());
    expect([...WINDOW_ACTIONS].sort()).toEqual([...ISSUE_12].sort());
    for (const a of WINDOW_ACTION_TABLE) {
      expect(a.subject, a.name).toBe(windowActions[a.name].subject);
      expect(a.input, a.name).toBe(windowActions[a.name].input);
    }
    expect(WINDOW_ACTION_TABLE.find((a) => a.name === 'restore')).toMatchObject({ subject: 'ticket', permission: 'ticket.restore', on: { http: true, socket: true } });
  });

  it('makes the HTTP routes: /windows/:id/<name> for window actions, /tickets/:id/restore for the ticket action, with the table’s permission and reply', () => {
    const routes = windowRoutes({} as Deps).filter((r) => r.method === 'post');
    const byPath = new Map(routes.map((r) => [r.path, r]));
    for (const a of WINDOW_ACTION_TABLE.filter((x) => x.on.http)) {
      const path = a.subject === 'ticket' ? `/api/v1/tickets/:id/${a.name}` : `/api/v1/windows/:id/${a.name}`;
      const r = byPath.get(path);
      expect(r, path).toBeDefined();
      expect(r!.auth).toBe(a.permission);
      expect(r!.summary).toBe(a.summary);
      expect(r!.body ?? null).toBe(a.input);
      expect(r!.reply).toBe(a.subject === 'ticket' ? replies.TicketReply : replies.WindowAction);
    }
    expect(byPath.get('/api/v1/tickets/:id/restore')?.tag).toBe('tickets');
    expect(routes).toHaveLength(WINDOW_ACTION_TABLE.filter((x) => x.on.http).length);
  });

  it('derives each /counter payload from the subject: a ticket action needs ticketId, a window action takes windowId and its input', () => {
    const restore = windowActionEvent('restore');
    expect(restore.safeParse({ ticketId: 't1' }).success).toBe(true);
    expect(restore.safeParse({}).success).toBe(false);
    expect(restore.safeParse({ windowId: 'w1' }).success).toBe(false);
    const pause = windowActionEvent('pause');
    expect(pause.safeParse({ windowId: 'w1', reason: '午休' }).success).toBe(true);
    expect(pause.safeParse({ windowId: 'w1' }).success).toBe(false);
    expect(windowActionEvent('finish').safeParse({}).success).toBe(true);
  });

  it('offers on the keypad exactly the keypad window actions, and the keypad keys are those plus rate-request', () => {
    expect(WINDOW_ACTION_TABLE.filter((a) => a.on.keypad).map((a) => a.name).sort()).toEqual([...KEYPAD_WINDOW_ACTIONS].sort());
    expect(WINDOW_ACTION_TABLE.filter((a) => a.on.keypad).every((a) => a.subject === 'window')).toBe(true);
    expect(Object.keys(KEY_CODES).sort()).toEqual([...KEYPAD_WINDOW_ACTIONS, 'rate-request'].sort());
  });
});
