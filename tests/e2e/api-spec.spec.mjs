// The API's OpenAPI document: valid OpenAPI 3.1 by the official schema, and every operation it
// lists is really served (none answers with the API's "no such endpoint" or "method not allowed").
import { test, expect } from '@playwright/test';
import { Validator } from '@seriousme/openapi-schema-validator';

test('the API document is valid OpenAPI 3.1 and every operation in it is served', async ({ request }) => {
  const response = await request.get('/api/openapi.json');
  expect(response.ok()).toBe(true);
  const spec = await response.json();
  const validator = new Validator();
  const result = await validator.validate(spec);
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
  expect(validator.version).toBe('3.1');

  const examples = { slug: 'book-festival-record-crowds' };
  const query = { '/search': '?q=book' };
  let operations = 0;
  for (const [path, item] of Object.entries(spec.paths)) {
    const url = `/api${path.replace(/\{(\w+)\}/g, (_, name) => examples[name])}${query[path] ?? ''}`;
    for (const method of Object.keys(item)) {
      operations += 1;
      const answer = await request.fetch(url, { method, data: method === 'get' ? undefined : {} });
      const documented = Object.keys(item[method].responses).map(Number);
      expect(documented, `${method} ${url}`).toContain(answer.status());
      expect([404, 405], `${method} ${url} answered ${answer.status()}`).not.toContain(answer.status());
    }
  }
  expect(operations).toBeGreaterThanOrEqual(9);
});
