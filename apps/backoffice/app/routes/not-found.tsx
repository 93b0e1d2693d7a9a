import { notFound, guarded } from "@cs/web/server";

export const loader = guarded(function loader(): never {
  notFound();
});

export default function NotFound() {
  return null;
}
