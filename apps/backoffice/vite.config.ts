import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [tailwindcss(), reactRouter()],
  server: { port: 3001, strictPort: true },
  ssr: { noExternal: [/^@cs\//] },
  // Native server-only modules: the dev dependency scan follows route imports into *.server files.
  optimizeDeps: { exclude: ["@node-rs/argon2", "postgres", "exceljs", "csv-parse", "csv-stringify"] },
});
