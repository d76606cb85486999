import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/runtime/logger.js';

describe('createLogger', () => {
  it('redacts a registered secret wherever it appears', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', secrets: ['sk-live-123456'], write: (l) => lines.push(l) });

    log.error('request failed with key sk-live-123456', { url: 'http://x/?k=sk-live-123456' });

    expect(lines.join('\n')).not.toContain('sk-live-123456');
    expect(lines[0]).toContain('[redacted]');
  });

  it('redacts fields named like secrets even when the value was never registered', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', write: (l) => lines.push(l) });

    log.info('headers', { headers: { 'X-RapidAPI-Key': 'abcdef', Accept: 'json' } });

    expect(JSON.parse(lines[0]!).headers).toEqual({ 'X-RapidAPI-Key': '[redacted]', Accept: 'json' });
  });

  it('drops lines below the level', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'warn', write: (l) => lines.push(l) });

    log.info('hidden');
    log.warn('shown');

    expect(lines).toHaveLength(1);
  });
});
