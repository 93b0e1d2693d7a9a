export { handleRequest as default, handleDataRequest, handleError } from "@cs/web/server";
