import { readWorkerEnv, startWorker } from "@cs/worker";

/** The background worker alone (`npm run dev` starts it beside the apps; `npm start` runs it in-process). */
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is required");
  process.exit(1);
}
const worker = startWorker(url, readWorkerEnv());
console.log(`  Mail worker running (${worker.transport} transport, SMS ${worker.smsTransport})`);
const stop = () => void worker.stop().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
