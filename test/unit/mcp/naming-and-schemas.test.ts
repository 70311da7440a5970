// The pure parts of MCP → Realtime: function names (`<server>__<tool>`, [A-Za-z0-9_-], 64, unique), input
// schemas adapted to what the Realtime API accepts (or refused with the reason), descriptions cut, and tool
// results turned into the output string the model reads (described media, the size cap).
import { describe, expect, it } from 'vitest';
import { buildCatalogue } from '../../../src-main/core/mcp/catalogue';
import { functionNameOf, uniqueName } from '../../../src-main/core/mcp/naming';
import {
  adaptDescription,
  adaptInputSchema,
  MAX_PARAMETERS_CHARS,
} from '../../../src-main/core/mcp/schema-adapt';
import { capOutput, MAX_OUTPUT_CHARS, outputOf } from '../../../src-main/core/mcp/tool-output';

describe('function names', () => {
  it('server and tool joined by __, other characters turned into _, cut to 64', () => {
    expect(functionNameOf('files', 'read_text_file')).toBe('files__read_text_file');
    expect(functionNameOf('my files', 'get.weather/now')).toBe('my_files__get_weather_now');
    expect(functionNameOf('github', 'ünïcode tool')).toBe('github___n_code_tool');
    const long = functionNameOf('server', 'x'.repeat(100));
    expect(long).toHaveLength(64);
    expect(long).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });

  it('names that collide after cutting get a numeric suffix, still within 64', () => {
    const taken = new Set(['a'.repeat(64)]);
    const second = uniqueName('a'.repeat(64), taken);
    expect(second).toBe(`${'a'.repeat(62)}_2`);
    taken.add(second);
    expect(uniqueName('a'.repeat(64), taken)).toBe(`${'a'.repeat(62)}_3`);
    const catalogue = buildCatalogue([
      {
        server: 's',
        tools: [
          { name: `${'t'.repeat(70)}1` },
          { name: `${'t'.repeat(70)}2` },
          { name: 'a.b' },
          { name: 'a_b' },
        ],
      },
    ]);
    const names = catalogue.entries.map((e) => e.name);
    expect(new Set(names).size).toBe(4);
    expect(names.every((n) => /^[A-Za-z0-9_-]{1,64}$/.test(n))).toBe(true);
    expect(names.slice(2)).toEqual(['s__a_b', 's__a_b_2']);
    expect(catalogue.entries.map((e) => e.tool)).toEqual([
      `${'t'.repeat(70)}1`,
      `${'t'.repeat(70)}2`,
      'a.b',
      'a_b',
    ]);
  });

  it('a nameless or repeated tool is left out with a note', () => {
    const catalogue = buildCatalogue([{ server: 's', tools: [{ name: '' }, { name: 'x' }, { name: 'x' }] }]);
    expect(catalogue.entries.map((e) => e.name)).toEqual(['s__x']);
    expect(catalogue.notes.get('s')).toEqual([
      'a tool without a name is left out',
      '"x" is listed twice: the second one is left out',
    ]);
  });
});

describe('input schemas for the Realtime API', () => {
  it('a plain object schema goes as it is; none at all is an empty object', () => {
    const schema = { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] };
    expect(adaptInputSchema(schema)).toEqual({ parameters: schema, notes: [] });
    expect(adaptInputSchema(undefined)).toEqual({
      parameters: { type: 'object', properties: {} },
      notes: [],
    });
  });

  it('adapts: document keys dropped, a missing type added, allOf merged, enum/not dropped, arrays given items', () => {
    const adapted = adaptInputSchema({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      allOf: [
        { properties: { a: { type: 'string' } }, required: ['a'] },
        { properties: { b: { type: 'array', items: { type: 'array' } } }, required: ['b'] },
      ],
      not: { required: ['c'] },
      $defs: { list: { type: ['array', 'null'] } },
    });
    expect(adapted).toEqual({
      parameters: {
        type: 'object',
        properties: { a: { type: 'string' }, b: { type: 'array', items: { type: 'array', items: {} } } },
        required: ['a', 'b'],
        $defs: { list: { type: ['array', 'null'], items: {} } },
      },
      notes: [
        '"type": "object" added at the top',
        'top-level allOf merged into one object',
        'top-level not dropped',
        '2 array schemas without "items" given "items": {}',
      ],
    });
  });

  it('oneOf/anyOf keep only what every branch requires', () => {
    const adapted = adaptInputSchema({
      type: 'object',
      oneOf: [
        { properties: { id: { type: 'string' }, a: {} }, required: ['id', 'a'] },
        { properties: { id: { type: 'string' }, b: {} }, required: ['id', 'b'] },
      ],
    });
    expect(adapted).toMatchObject({ parameters: { required: ['id'] } });
  });

  it('data is not mistaken for schemas: enum values, defaults and examples are left alone', () => {
    const schema = {
      type: 'object',
      properties: { mode: { type: 'string', enum: ['array'], default: { type: 'array' } } },
    };
    expect(adaptInputSchema(schema)).toEqual({ parameters: schema, notes: [] });
  });

  it('refuses what cannot be adapted, saying why', () => {
    expect(adaptInputSchema({ type: 'string' })).toEqual({
      refused: 'its arguments are not an object (type "string")',
    });
    expect(adaptInputSchema([1])).toEqual({ refused: 'its input schema is not a JSON object' });
    expect(adaptInputSchema({ type: 'object', properties: [] })).toEqual({
      refused: '"properties" is not an object',
    });
    const huge = {
      type: 'object',
      properties: Object.fromEntries(
        Array.from({ length: 3_000 }, (_, i) => [`field_${i}`, { type: 'string' }]),
      ),
    };
    expect(adaptInputSchema(huge)).toEqual({
      refused: expect.stringMatching(
        new RegExp(`the limit here is ${MAX_PARAMETERS_CHARS}`),
      ) as unknown as string,
    });
  });

  it("the input is never changed (the server's listing stays as it was)", () => {
    const schema = { type: 'object', properties: { xs: { type: 'array' } } };
    adaptInputSchema(schema);
    expect(schema.properties.xs).toEqual({ type: 'array' });
  });

  it('descriptions over 1,024 characters are cut', () => {
    expect(adaptDescription('short')).toEqual({ text: 'short', cut: false });
    const cut = adaptDescription('d'.repeat(2_000));
    expect(cut.cut).toBe(true);
    expect(cut.text).toHaveLength(1_024);
    expect(adaptDescription('')).toEqual({ text: undefined, cut: false });
  });
});

describe('tool results → the output the model reads', () => {
  it('text as it is, structured content once, media and resources described', () => {
    expect(outputOf({ content: [{ type: 'text', text: 'hello' }] })).toEqual({ output: 'hello' });
    expect(outputOf({ content: [{ type: 'text', text: '{"n":1}' }], structuredContent: { n: 1 } })).toEqual({
      output: '{"n":1}',
    });
    expect(outputOf({ content: [], structuredContent: { n: 1 } })).toEqual({ output: '{"n":1}' });
    const media = outputOf({
      content: [
        { type: 'image', data: 'iVBORw0KGgo=', mimeType: 'image/png' },
        { type: 'resource_link', uri: 'file:///a.txt', name: 'a.txt', mimeType: 'text/plain' },
        { type: 'resource', resource: { uri: 'file:///b.txt', text: 'inside b' } },
        {
          type: 'resource',
          resource: { uri: 'file:///c.bin', blob: 'AAAA', mimeType: 'application/octet-stream' },
        },
      ],
    });
    expect(media.output.split('\n')).toEqual([
      '[image: image/png, 8 bytes, not shown]',
      '[resource link: a.txt <file:///a.txt> (text/plain)]',
      '[resource <file:///b.txt>]',
      'inside b',
      '[resource <file:///c.bin> (application/octet-stream)] 3 bytes of binary content, not shown',
    ]);
  });

  it('a tool error is an {"error": …} output and an error', () => {
    expect(outputOf({ isError: true, content: [{ type: 'text', text: 'no such file' }] })).toEqual({
      output: '{"error":"no such file"}',
      error: 'no such file',
    });
  });

  it('outputs over the cap are cut with a note', () => {
    const long = 'x'.repeat(MAX_OUTPUT_CHARS + 10);
    const out = outputOf({ content: [{ type: 'text', text: long }] }).output;
    expect(out.startsWith('x'.repeat(MAX_OUTPUT_CHARS))).toBe(true);
    expect(out.slice(MAX_OUTPUT_CHARS)).toBe(
      `\n[cut: the tool returned ${MAX_OUTPUT_CHARS + 10} characters; only the first ${MAX_OUTPUT_CHARS} are given]`,
    );
    expect(capOutput('short')).toBe('short');
  });
});
