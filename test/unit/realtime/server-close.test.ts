// The server's own closes (DESIGN.md, captured from the real server): 3000 and 4000 after the upgrade name
// what the user must fix and must not be reconnected; the 60-minute limit is a bare 1001.
import { describe, expect, it } from 'vitest';
import { describeClose } from '../../../src-main/core/realtime/errors';

describe('server closes', () => {
  it.each([
    [3000, 'invalid_request_error.invalid_api_key', /^authentication failed — check the API key/],
    [3000, 'invalid_request_error', /^authentication failed — check the API key \(closed with 3000/],
    [4000, 'invalid_request_error.invalid_model', /^unknown model/],
    [4000, 'invalid_request_error.missing_model', /^no model was named/],
    [4000, 'invalid_request_error.beta_api_shape_disabled', /beta Realtime interface/],
    [4000, 'invalid_request_error.something_new', /^the server refused the session \(closed with 4000/],
  ])('%i %s is fatal', (code, reason, message) => {
    const fault = describeClose(code, reason);
    expect(fault.action).toBe('fatal');
    expect(fault.message).toMatch(message);
  });

  it('the 60-minute 1001 renews; any other close is a lost connection', () => {
    expect(describeClose(1001, 'Your session hit the maximum duration of 60 minutes.')).toMatchObject({
      action: 'renew',
      message: 'the session reached its 60-minute limit: starting a new one',
    });
    expect(describeClose(1001, 'going away')).toMatchObject({ action: 'report' });
    expect(describeClose(1006, '')).toEqual({ message: 'closed (1006)', action: 'report' });
  });
});
