#!/usr/bin/env node
// Browser tests drive Debian's Chromium: a test tool's own browser download cannot work on these machines.
// Installs it with apt when it is missing (CI and fresh machines run as root); PARLEY_CHROMIUM points elsewhere.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const path = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);
if (process.env.PARLEY_CHROMIUM) {
  console.error(`PARLEY_CHROMIUM=${path} does not exist.`);
  process.exit(1);
}
console.log('Chromium is missing: installing Debian\'s chromium package (needed by the browser tests)...');
const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
try {
  execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`, { stdio: 'inherit' });
} catch {
  console.error('Could not install Chromium. Install it yourself (apt-get install chromium) or set PARLEY_CHROMIUM.');
  process.exit(1);
}
