export { handleRequest as default, handleError } from "@cs/web/server";
