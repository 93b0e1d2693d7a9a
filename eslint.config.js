// @ts-check
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

const noInOperator = { selector: "BinaryExpression[operator='in']", message: "Use hasKey() or Object.hasOwn() (own keys only), or a Map; `in` sees keys planted on Object.prototype." };
const noCoerceNumber = { selector: "MemberExpression[object.property.name='coerce'][property.name='number']", message: "Use strictNumber(z.number()…) for request input: coercion accepts 1e3, 0x10 and Infinity." };
const guardedMessage = "Write `export const loader = guarded(async function loader(…) {…})` (guarded from @cs/web/server): a refused or missing read must answer 404 on every route.";
/** Route modules: every loader and action goes through `guarded`, so the 404 mapping cannot be forgotten. */
const routeHandlersGuarded = [
  { selector: "ExportNamedDeclaration > FunctionDeclaration[id.name=/^(loader|action)$/]", message: guardedMessage },
  { selector: "ExportNamedDeclaration > VariableDeclaration > VariableDeclarator[id.name=/^(loader|action)$/]:not([init.callee.name='guarded'])", message: guardedMessage },
  { selector: "ExportSpecifier[exported.name=/^(loader|action)$/]", message: guardedMessage },
];

// react-i18next's hook copies the i18next instance for every component on every server render.
const sharedI18nHook = { name: "react-i18next", importNames: ["useTranslation"], message: "Use useTranslation from @cs/i18n/react (one t per shared instance on the server)." };
/** `@cs/<name>` and anything under it. */
const pkg = (...names) => names.flatMap((n) => [`@cs/${n}`, `@cs/${n}/*`]);
/** No package reaches into an app, by package name or by a relative path. */
const noApps = { regex: "^(@cs/(portal|backoffice)(/|$)|(\\.\\./)+apps/)", message: "Packages never import an app: move what both need into a package." };
const tests = ["**/*.test.ts", "**/*.test.tsx"];
/** Seeds and fixtures sit above the domain and serve tests, scripts and benches, never application code. */
const noSeedsInCode = { group: pkg("seed", "testing"), message: "Seeds (@cs/seed) and test fixtures (@cs/testing) are for tests, scripts and benches, never application code." };
const restrict = (files, ignores, patterns, noHookRule) => ({
  files,
  ignores,
  rules: { "no-restricted-imports": ["error", { paths: noHookRule ? [] : [sharedI18nHook], patterns }] },
});
/** Two blocks per layer: its code may not import seeds or fixtures; its tests may. */
const layer = (files, forbidden, why, { ignores = [], noHookRule = false } = {}) => {
  const own = [noApps, ...(forbidden.length ? [{ group: forbidden, message: why }] : [])];
  const testFiles = files.filter((f) => f.endsWith("*.{ts,tsx}")).map((f) => f.replace(/\{ts,tsx\}$/, "test.{ts,tsx}"));
  const code = restrict(files, [...ignores, ...tests], [...own, noSeedsInCode], noHookRule);
  return testFiles.length ? [code, restrict(testFiles, ignores, own, noHookRule)] : [code];
};
const importBoundaries = [
  // Tests of the routes' server code set up and re-read rows through the schema, as the domain's tests do.
  restrict(["apps/**/*.{ts,tsx}"], tests, [{ group: pkg("db", "worker"), message: "Routes never import the schema or the worker: take enums and types from @cs/domain (shared/schema-vocabulary.ts)." }, noSeedsInCode]),
  layer(["packages/web/src/**/*.{ts,tsx}"], pkg("worker"), "web is app glue: it does not start background jobs."),
  layer(["packages/auth/src/**/*.{ts,tsx}"], pkg("web", "ui", "worker"), "auth sits below web: it never imports web, ui or the worker."),
  layer(["packages/worker/src/**/*.{ts,tsx}"], pkg("web", "ui", "auth"), "The worker runs domain jobs: it never imports web, ui or auth."),
  layer(
    ["packages/domain/src/**/*.{ts,tsx}"],
    [...pkg("web", "ui", "auth", "worker"), "react", "react-dom", "react-dom/*", "react-router"],
    "The domain is plain TypeScript below web, ui and auth: no React, no HTTP, no layer above it.",
  ),
  layer(["packages/ui/src/**/*.{ts,tsx}"], pkg("web", "auth", "domain", "db", "worker", "i18n"), "ui is presentational: words come in as props, data never from the database."),
  layer(["packages/i18n/src/**/*.{ts,tsx}"], pkg("web", "auth", "domain", "db", "worker", "ui"), "i18n is a leaf: it imports no other package of ours.", { ignores: ["packages/i18n/src/react.ts"] }),
  layer(["packages/i18n/src/react.ts"], pkg("web", "auth", "domain", "db", "worker", "ui"), "i18n is a leaf: it imports no other package of ours.", { noHookRule: true }),
  layer(["packages/db/src/**/*.{ts,tsx}"], pkg("web", "auth", "domain", "worker", "ui", "i18n", "seed", "testing"), "db is the bottom layer: it never imports the domain or anything above it."),
  layer(["packages/seed/src/**/*.{ts,tsx}"], pkg("web", "ui", "auth", "worker"), "Seeds write data through @cs/db and the domain only."),
  restrict(["packages/testing/src/**/*.{ts,tsx}"], [], [noApps, { group: pkg("web", "ui", "auth", "worker"), message: "Fixtures build data through @cs/db, @cs/seed and the domain only." }]),
].flat();

export default defineConfig(
  globalIgnores([
    "**/node_modules/",
    "**/build/",
    "**/.react-router/",
    "**/.turbo/",
    ".data/",
    "drizzle/",
    "test-results/",
    "playwright-report/",
  ]),
  {
    // Not type-checked: `tsc` already runs per package; this stays fast.
    files: ["**/*.{ts,tsx}"],
    extends: [tseslint.configs.recommended],
    rules: {
      // `in` also sees inherited keys, so a key planted on Object.prototype passes it: hasKey / Object.hasOwn / Map.
      "no-restricted-syntax": ["error", noInOperator],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ["**/*.tsx"],
    extends: [reactHooks.configs.flat.recommended],
  },
  // Import directions (docs: ARCHITECTURE): apps → web → auth, ui, i18n, domain → db; worker → domain.
  // One block per layer, since a later block replaces an earlier block's options for the same rule.
  ...importBoundaries,
  {
    // Request input: numbers through strictNumber (z.coerce.number reads 1e3 and 0x10 as numbers).
    files: ["packages/domain/src/**/*.ts", "packages/web/src/**/*.{ts,tsx}", "apps/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": ["error", noInOperator, noCoerceNumber],
    },
  },
  {
    // The domain returns bytes and names; the web layer makes responses and their headers.
    files: ["packages/domain/src/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        noInOperator,
        noCoerceNumber,
        { selector: "NewExpression[callee.name=/^(Response|Headers)$/]", message: "The domain never builds HTTP responses: return the data (a NamedFile for downloads); @cs/web makes the response." },
        { selector: "Literal[value=/^content-(disposition|type)$/i]", message: "The domain never writes HTTP headers: return a NamedFile; fileResponse in @cs/web/server sets them." },
      ],
    },
  },
  {
    // Flat config replaces a rule's options, so the route modules repeat the two above.
    files: ["apps/*/app/root.tsx", "apps/*/app/routes/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": ["error", noInOperator, noCoerceNumber, ...routeHandlersGuarded],
    },
  },
  {
    // Configuration is read in one place per app/package (env.server.ts) and validated there.
    files: ["**/*.{ts,tsx}"],
    ignores: [
      "**/env.server.ts",
      "scripts/**",
      "tests/**",
      "e2e/**",
      "bench/**",
      "playwright.config.ts",
      "vitest.config.ts",
      "packages/db/src/**",
      "**/*.config.ts",
      // Tests set up the environment the code under test validates.
      "**/*.test.ts",
    ],
    rules: {
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message: "Read configuration in env.server.ts (validated once) and pass it in; don't reach for process.env.",
        },
      ],
    },
  },
);
