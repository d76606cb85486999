import { describe, expect, it } from 'vitest';
import { physicalInputBytes, trinoDataSizeBytes } from '../../../bench/lib/scale-trino.js';

// Lines as Trino's EXPLAIN ANALYZE prints a table scan's stats: PlanPrinter.addPhysicalInputStats appends
// ", Physical input: %s" (airlift DataSize.toString) to the node's "Input: … rows (…)" line
// (trinodb/trino, core/trino-main/src/main/java/io/trino/sql/planner/planprinter/PlanPrinter.java).
const PLAN = [
  'Fragment 1 [SOURCE]',
  '    CPU: 3.21s, Scheduled: 5.02s, Blocked 0.00ns (Input: 0.00ns, Output: 0.00ns), Input: 568665 rows (40.12MB); per task: avg.: 568665.00 std.dev.: 0.00, Output: 1 row (9B)',
  '    ScanFilterProject[table = hive:realty:price_changes]',
  '        Input: 568665 rows (40.12MB), Physical input: 19.25MB, Physical input time: 412.55ms',
  '    ScanFilterProject[table = hive:realty:listings_current]',
  '        Input: 112000 rows (9.80MB), Physical input: 512.40kB, Physical input time: 20.01ms',
].join('\n');

describe("Trino's bytes read, from EXPLAIN ANALYZE", () => {
  it('reads Trino data sizes in binary units', () => {
    expect(trinoDataSizeBytes('3B')).toBe(3);
    expect(trinoDataSizeBytes('2.50kB')).toBe(2560);
    expect(trinoDataSizeBytes('19.25MB')).toBe(19.25 * 2 ** 20);
    expect(trinoDataSizeBytes('1GB')).toBe(2 ** 30);
    expect(() => trinoDataSizeBytes('12 rows')).toThrow(RangeError);
  });

  it("sums the physical input of every table scan, not the fragments' logical input", () => {
    expect(physicalInputBytes(PLAN)).toBe(19.25 * 2 ** 20 + 512.4 * 1024);
  });

  it('refuses a plan without physical input (a plain EXPLAIN)', () => {
    expect(() => physicalInputBytes('Fragment 0 [SINGLE]\n    Output[columnNames = [n]]')).toThrow(
      RangeError,
    );
  });
});
