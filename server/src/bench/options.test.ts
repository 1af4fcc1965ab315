import { parseBenchOptions } from './options';

describe('npm run bench options', () => {
  it('runs at a million customers unless told a size, and refuses a size that is not one', () => {
    expect(parseBenchOptions([], {}).sizes.scaleCustomers).toBe(1_000_000);
    expect(parseBenchOptions(['--customers', '200000', '--sqlite'], {})).toMatchObject({ engine: 'sqlite', sizes: { scaleCustomers: 200_000 } });
    expect(parseBenchOptions(['--quick'], {}).sizes.scaleCustomers).toBe(2_000);
    for (const bad of [[], ['abc'], ['12.5'], ['10']]) expect(() => parseBenchOptions(['--customers', ...bad], {})).toThrow(/--customers needs/);
    expect(() => parseBenchOptions(['--fast'], {})).toThrow(/unknown argument "--fast"/);
  });

  it('runs one server process unless --workers says how many (the server\'s WEB_CONCURRENCY)', () => {
    expect(parseBenchOptions([], {}).workers).toBe(1);
    expect(parseBenchOptions(['--workers', '2', '--quick'], {})).toMatchObject({ workers: 2, quick: true });
    expect(parseBenchOptions(['--workers', '64'], {}).workers).toBe(64);
    for (const bad of [[], ['0'], ['1.5'], ['two'], ['65']]) expect(() => parseBenchOptions(['--workers', ...bad], {})).toThrow(/--workers needs/);
  });

  it('compares one MariaDB with a Galera cluster only when asked, and only on MySQL', () => {
    expect(parseBenchOptions([], {}).galera).toBe(false);
    expect(parseBenchOptions(['--galera', '--quick'], {})).toMatchObject({ galera: true, sizes: { clusterSeconds: 3 } });
    expect(() => parseBenchOptions(['--galera', '--sqlite'], {})).toThrow(/does not go with --sqlite/);
  });
});
