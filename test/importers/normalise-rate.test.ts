import { describe, expect, it } from 'vitest';
import { normaliseRate } from '../../src/importers/normalise-rate.js';

describe('rate normalisation', () => {
  it('scales a fractional rate and its per by the smallest power of ten that makes the rate whole', () => {
    expect(normaliseRate(0.5, 1)).toEqual({ rate: 5, per: 10 });
    expect(normaliseRate(2.5, 1)).toEqual({ rate: 25, per: 10 });
    expect(normaliseRate(1.5, 1)).toEqual({ rate: 15, per: 10 });
    expect(normaliseRate(0.25, 60)).toEqual({ rate: 25, per: 6000 });
    expect(normaliseRate(0.125, 1)).toEqual({ rate: 125, per: 1000 });
  });

  it('is not fooled by floating-point dust', () => {
    expect(normaliseRate(1.15, 1)).toEqual({ rate: 115, per: 100 });
    expect(normaliseRate(0.1, 0.1)).toEqual({ rate: 1, per: 1 });
  });

  it('rounds beyond three decimals at a thousandfold', () => {
    expect(normaliseRate(0.0004, 1)).toEqual({ rate: 0, per: 1000 });
    expect(normaliseRate(1.23456, 1)).toEqual({ rate: 1235, per: 1000 });
  });

  it('leaves whole rates and unlimited alone', () => {
    expect(normaliseRate(10, 1)).toEqual({ rate: 10, per: 1 });
    expect(normaliseRate(-1, -1)).toEqual({ rate: -1, per: -1 });
  });

  it('normalises fractional AWS and CSV rates on the way in', async () => {
    const { importAll, textFile } = await import('./helpers.js');
    const records = await importAll('csv', [textFile('k.csv', 'key,api_ids,rate,per\nfrac-rate,a,1.5,1\n')]);
    expect(records[0]?.result === 'ok' && [records[0].session.rate, records[0].session.per]).toEqual([15, 10]);
  });
});
