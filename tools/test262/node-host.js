#!/usr/bin/env node
// node-host.js — a test262 host for `mica-test262 --engine-cmd`, on Node.
//
//   node tools/test262/node-host.js [--module] FILE
//
// Runs FILE (already prepared by the runner: strict prefix, harness, test)
// in a fresh vm context that has `print` and `$262`. Exits 0 if nothing was
// thrown; otherwise writes "Name: message" of the uncaught exception to
// stderr and exits 1. This is the contract the runner's command backend
// expects (see engine_cmd.c); it exists to test the runner itself before
// the engine runs, and as a reference for `mica --test262`.
//
// Module tests need `node --experimental-vm-modules`.
'use strict';

const fs = require('fs');
const path = require('path');
const vm = require('vm');

const args = process.argv.slice(2);
let isModule = false;
if (args[0] === '--module') {
  isModule = true;
  args.shift();
}
const file = args[0];
if (!file) {
  process.stderr.write('usage: node-host.js [--module] FILE\n');
  process.exit(2);
}

// Unhandled rejections are a normal part of some async tests; the verdict
// comes from print(), not from Node's policy.
process.on('unhandledRejection', () => {});

function describe(e) {
  if (e !== null && (typeof e === 'object' || typeof e === 'function')) {
    let name = 'Error';
    let message = '';
    try {
      name = (e.constructor && e.constructor.name) || e.name || name;
      message = e.message === undefined ? '' : String(e.message);
    } catch (_) {
      // A hostile error object: its name is unknowable.
    }
    return `${name}: ${message}`;
  }
  let text;
  try {
    text = String(e);
  } catch (_) {
    text = typeof e;
  }
  return `Thrown: ${text}`;
}

function fail(e) {
  process.stderr.write(describe(e) + '\n');
  process.exitCode = 1;
}

// Errors that vm raises while compiling come from this (the outer) realm;
// tests compare them with the test realm's constructors, so rebuild them.
function inRealm(global, e) {
  if (e instanceof Error && typeof global[e.name] === 'function') {
    const copy = new global[e.name](e.message);
    return copy;
  }
  return e;
}

function define(target, name, value) {
  Object.defineProperty(target, name, {value, writable: true, configurable: true, enumerable: false});
}

const moduleCache = new Map();

// One settled import per module: concurrent import() calls of one module
// must not link or evaluate it twice.
const imports = new Map();

function importDynamically(context) {
  return (specifier, referrer) => {
    const base = referrer && referrer.identifier ? referrer.identifier : file;
    const fullPath = path.resolve(path.dirname(base), specifier);
    let pending = imports.get(fullPath);
    if (!pending) {
      pending = (async () => {
        const module = loadModule(fullPath, context);
        if (module.status === 'unlinked') await module.link(linker(context));
        if (module.status === 'linked') await module.evaluate();
        return module;
      })();
      imports.set(fullPath, pending);
    }
    return pending;
  };
}

function loadModule(fullPath, context) {
  let module = moduleCache.get(fullPath);
  if (module) return module;
  const source = fs.readFileSync(fullPath, 'utf8');
  if (fullPath.endsWith('.json')) {
    const value = JSON.parse(source);
    module = new vm.SyntheticModule(['default'], function () {
      this.setExport('default', value);
    }, {identifier: fullPath, context});
  } else {
    module = new vm.SourceTextModule(source, {
      identifier: fullPath,
      context,
      importModuleDynamically: importDynamically(context),
    });
  }
  moduleCache.set(fullPath, module);
  return module;
}

function linker(context) {
  return (specifier, referencingModule) =>
    loadModule(path.resolve(path.dirname(referencingModule.identifier), specifier), context);
}

function createRealm() {
  const context = vm.createContext();
  const global = vm.runInContext('this', context);
  const $262 = vm.runInContext('({})', context);
  define(global, 'print', function print(value) {
    process.stdout.write(String(value) + '\n');
  });
  define($262, 'global', global);
  define($262, 'gc', function gc() {
    if (typeof globalThis.gc !== 'function') throw new global.Error('gc: run node with --expose-gc');
    globalThis.gc();
  });
  define($262, 'evalScript', function evalScript(source) {
    let script;
    try {
      script = new vm.Script(String(source), {importModuleDynamically: importDynamically(context)});
    } catch (e) {
      throw inRealm(global, e);
    }
    return script.runInContext(context);
  });
  define($262, 'createRealm', function createRealmFn() {
    return createRealm().$262;
  });
  define($262, 'detachArrayBuffer', function detachArrayBuffer(buffer) {
    structuredClone(buffer, {transfer: [buffer]});
    return null;
  });
  define(global, '$262', $262);
  return {context, global, $262};
}

async function main() {
  const source = fs.readFileSync(file, 'utf8');
  const realm = createRealm();
  const fullPath = path.resolve(file);
  if (isModule) {
    if (typeof vm.SourceTextModule !== 'function') {
      fail(new Error('module tests need node --experimental-vm-modules'));
      return;
    }
    let module;
    try {
      module = new vm.SourceTextModule(source, {
        identifier: fullPath,
        context: realm.context,
        importModuleDynamically: importDynamically(realm.context),
      });
    } catch (e) {
      fail(e);
      return;
    }
    moduleCache.set(fullPath, module);
    try {
      await module.link(linker(realm.context));
    } catch (e) {
      fail(e);
      return;
    }
    try {
      await module.evaluate();
    } catch (e) {
      fail(e);
    }
    return;
  }
  let script;
  try {
    script = new vm.Script(source, {
      filename: fullPath,
      importModuleDynamically: importDynamically(realm.context),
    });
  } catch (e) {
    fail(e);
    return;
  }
  try {
    script.runInContext(realm.context);
  } catch (e) {
    fail(e);
  }
}

main().catch(fail);
