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
  {
    // react-i18next's hook copies the i18next instance for every component on every server render.
    files: ["apps/**/*.{ts,tsx}", "packages/**/*.{ts,tsx}"],
    ignores: ["packages/i18n/src/react.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "react-i18next", importNames: ["useTranslation"], message: "Use useTranslation from @cs/i18n/react (one t per shared instance on the server)." }] }],
    },
  },
  {
    // Request input: numbers through strictNumber (z.coerce.number reads 1e3 and 0x10 as numbers).
    files: ["packages/domain/src/**/*.ts", "packages/web/src/**/*.{ts,tsx}", "apps/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": ["error", noInOperator, noCoerceNumber],
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
