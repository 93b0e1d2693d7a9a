import { notFound } from "@cs/web/server";

export function loader(): never {
  notFound();
}

export default function NotFound() {
  return null;
}
