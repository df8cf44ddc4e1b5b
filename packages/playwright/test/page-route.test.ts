import { createKms } from '@kms-lab/core';
import { describe, expect, it } from 'vitest';
import { answerRoutedRequest } from '../src/page-route.js';

/** A routed request as Playwright's Request gives it: lower-case header names. */
function routed(method: string, url: string, headers: Record<string, string>, body?: string) {
  return {
    method: () => method,
    url: () => url,
    headers: () => headers,
    postDataBuffer: () => (body === undefined ? null : Buffer.from(body)),
  };
}

const ORIGIN = 'http://127.0.0.1:4700';

describe('answerRoutedRequest: page mode answers as kms-lab serve --cors "*"', () => {
  it('answers the preflight of a cross-origin SDK call without reaching the engine', async () => {
    const response = await answerRoutedRequest(
      createKms(),
      routed('OPTIONS', 'https://kms.us-east-1.amazonaws.com/', {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-amz-target',
      }),
    );
    expect(response.status).toBe(204);
    expect(response.headers).toMatchObject({
      'Access-Control-Allow-Origin': ORIGIN,
      'Access-Control-Allow-Headers': 'authorization,content-type,x-amz-target',
    });
  });

  it("answers an AWS JSON 1.1 request with the engine's keys, readable by the page", async () => {
    const engine = createKms({ region: 'eu-central-1' });
    const { KeyMetadata } = await engine.createKey({ Description: 'routed' });
    const response = await answerRoutedRequest(
      engine,
      routed(
        'POST',
        'https://kms.eu-central-1.amazonaws.com/',
        {
          origin: ORIGIN,
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'TrentService.DescribeKey',
        },
        JSON.stringify({ KeyId: KeyMetadata?.KeyId }),
      ),
    );
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).KeyMetadata.Description).toBe('routed');
    expect(response.headers['Access-Control-Allow-Origin']).toBe(ORIGIN);
    expect(response.headers['Access-Control-Expose-Headers']).toContain('x-amzn-requestid');
  });

  it('answers what is not a KMS request as the server does: 405 with a message', async () => {
    const response = await answerRoutedRequest(
      createKms(),
      routed('GET', 'https://kms.us-east-1.amazonaws.com/?x=1', { origin: ORIGIN }),
    );
    expect(response.status).toBe(405);
    expect(JSON.parse(response.body).message).toBe('GET is not allowed on /; use POST.');
  });
});
