// Runs a Python module or script inside Pyodide under Node, with no network: Pyodide comes from a
// runtime folder (an npm pyodide package, or the page's build/pyodide/), micropip installs local wheels,
// and host folders are mounted into Pyodide's file system. Exits with the Python program's status.
//
// Usage:
//   node run-in-pyodide.mjs [--runtime DIR] [--micropip WHEEL] [--preload-global LIB.so]... [--wheel FILE]...
//                           [--package FILE]... [--mount HOST_DIR:PYODIDE_DIR]... [--env NAME=VALUE]...
//                           [--cwd PYODIDE_DIR] -- MODULE|SCRIPT.py [ARG]...
// MODULE runs like `python -m MODULE`, SCRIPT.py (a Pyodide path) like `python SCRIPT.py`.
// --micropip installs micropip from that wheel file instead of the runtime's lock file (an npm
// package of Pyodide names micropip in its lock but does not ship it).
// --preload-global loads a side module with RTLD_GLOBAL before any wheel is installed, so its
// symbols are in Pyodide's global symbol table when the wheels' modules are linked.
// --package installs a wheel as the page's worker does: loadPyodide's `packages`, while Python starts.
// Example: ... --wheel dist/fib_pybind-...whl --mount fib-pybind/tests:/tests -- pytest /tests
import { readFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

function usage(message) {
  process.stderr.write(`run-in-pyodide: ${message}\n`);
  process.stderr.write(
    "usage: node run-in-pyodide.mjs [--runtime DIR] [--micropip WHEEL] [--preload-global LIB.so]... [--wheel FILE]... " +
      "[--package FILE]... [--mount HOST_DIR:PYODIDE_DIR]... [--env NAME=VALUE]... [--cwd DIR] -- MODULE|SCRIPT.py [ARG]...\n",
  );
  process.exit(2);
}

function parseCommandLine() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        runtime: { type: "string", default: join(repo, "build/pyodide") },
        micropip: { type: "string", default: "micropip" },
        "preload-global": { type: "string", multiple: true, default: [] },
        wheel: { type: "string", multiple: true, default: [] },
        package: { type: "string", multiple: true, default: [] },
        mount: { type: "string", multiple: true, default: [] },
        env: { type: "string", multiple: true, default: [] },
        cwd: { type: "string" },
      },
    });
  } catch (error) {
    usage(error.message);
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) usage("no Python module or script given");
  const mounts = values.mount.map((spec) => {
    const at = spec.lastIndexOf(":");
    if (at <= 0) usage(`--mount wants HOST_DIR:PYODIDE_DIR, got ${spec}`);
    return { host: resolve(spec.slice(0, at)), target: spec.slice(at + 1) };
  });
  const env = Object.fromEntries(
    values.env.map((spec) => {
      const at = spec.indexOf("=");
      if (at <= 0) usage(`--env wants NAME=VALUE, got ${spec}`);
      return [spec.slice(0, at), spec.slice(at + 1)];
    }),
  );
  return { ...values, preloads: values["preload-global"], mounts, env, argv: positionals };
}

// Pyodide's default output handlers add a newline per flush; pass bytes through as they come.
function passThrough(stream) {
  return {
    write: (buffer) => {
      stream.write(buffer);
      return buffer.length;
    },
  };
}

async function preloadGlobal(pyodide, libraries) {
  if (libraries.length === 0) return;
  pyodide.FS.mkdirTree("/tmp/preload");
  const loadGlobal = pyodide.runPython(
    "import ctypes\nlambda path: ctypes.CDLL(path, mode=ctypes.RTLD_GLOBAL) and None",
  );
  for (const library of libraries) {
    const target = `/tmp/preload/${basename(library)}`;
    pyodide.FS.writeFile(target, await readFile(library));
    loadGlobal(target);
  }
  loadGlobal.destroy();
}

async function installWheels(pyodide, micropipSource, wheels) {
  if (wheels.length === 0) return;
  pyodide.FS.mkdirTree("/tmp/wheels");
  const urls = [];
  for (const wheel of wheels) {
    const target = `/tmp/wheels/${basename(wheel)}`;
    pyodide.FS.writeFile(target, await readFile(wheel));
    urls.push(`emfs:${target}`);
  }
  await pyodide.loadPackage(micropipSource, { messageCallback: () => {} });
  const micropip = pyodide.pyimport("micropip");
  // deps=False: every wheel needed is given here; resolving would ask a package index.
  await micropip.install.callKwargs(urls, { deps: false });
  micropip.destroy();
}

const RUN_MAIN = `
import os, runpy, sys, traceback

def run_main(argv, cwd):
    if cwd:
        os.chdir(cwd)
    sys.argv = list(argv)
    sys.dont_write_bytecode = True  # mounted host folders stay free of __pycache__
    target = sys.argv[0]
    try:
        if target.endswith(".py"):
            sys.path.insert(0, os.path.dirname(os.path.abspath(target)))
            runpy.run_path(target, run_name="__main__")
        else:
            runpy.run_module(target, run_name="__main__", alter_sys=True)
    except SystemExit as exit:
        if exit.code is None or isinstance(exit.code, int):
            return exit.code or 0
        print(exit.code, file=sys.stderr)
        return 1
    except BaseException:
        traceback.print_exc()
        return 1
    return 0
`;

async function main() {
  const options = parseCommandLine();
  const runtime = resolve(options.runtime);
  const { loadPyodide } = await import(join(runtime, "pyodide.mjs"));
  const pyodide = await loadPyodide({
    indexURL: runtime + "/",
    env: options.env,
    packages: options.package.map((file) => resolve(file)),
  });
  pyodide.setStdout(passThrough(process.stdout));
  pyodide.setStderr(passThrough(process.stderr));
  for (const { host, target } of options.mounts) {
    pyodide.FS.mkdirTree(target);
    pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: host }, target);
  }
  await preloadGlobal(pyodide, options.preloads);
  await installWheels(pyodide, options.micropip, options.wheel);
  pyodide.runPython(RUN_MAIN);
  const runMain = pyodide.globals.get("run_main");
  const status = runMain(options.argv, options.cwd ?? null);
  process.exitCode = status;
}

try {
  await main();
} catch (error) {
  // Node would print the failing line of pyodide.asm.js, one minified megabyte; the message is enough.
  process.stderr.write(`run-in-pyodide: ${String(error?.message ?? error).slice(0, 4000)}\n`);
  process.exitCode = 1;
}
