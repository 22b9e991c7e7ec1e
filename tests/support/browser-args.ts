/**
 * How the tests start Debian's Chromium: headless, as root in a sandboxless container, and without
 * the background connections this closed network refuses (they slow every start).
 */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
