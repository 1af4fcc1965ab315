import { isLoopbackAddress } from './loopback';

describe('isLoopbackAddress', () => {
  it.each(['127.0.0.1', '127.1.2.3', '127.255.255.255', '::1', '0:0:0:0:0:0:0:1', '0000:0000:0000:0000:0000:0000:0000:0001', '::ffff:127.0.0.1', '::FFFF:127.9.8.7', '::ffff:7f00:1'])(
    '%s is loopback',
    (address) => expect(isLoopbackAddress(address)).toBe(true),
  );

  it.each(['192.0.2.2', '10.0.0.1', '128.0.0.1', '0.0.0.0', '::', '::2', 'fd00::1', '::ffff:10.0.0.1', '::ffff:192.0.2.2', 'localhost', '127.0.0.1.evil', '', undefined])(
    '%s is not loopback',
    (address) => expect(isLoopbackAddress(address)).toBe(false),
  );
});
