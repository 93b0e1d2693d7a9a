import { type RouteConfig, index, layout, route } from "@react-router/dev/routes";

export default [
  route("login", "routes/login.tsx"),
  route("logout", "routes/logout.ts"),
  route("set-locale", "routes/set-locale.ts"),
  route("healthz", "routes/healthz.ts"),
  layout("routes/shell.tsx", [
    index("routes/home.tsx"),
    route("account", "routes/account.tsx"),
    route("organizations", "routes/organizations/list.tsx"),
    route("organizations/export.csv", "routes/organizations/export.ts"),
    route("organizations/new", "routes/organizations/new.tsx"),
    route("organizations/:id", "routes/organizations/detail.tsx"),
    route("organizations/:id/edit", "routes/organizations/edit.tsx"),
    route("products", "routes/products.tsx"),
    route("*", "routes/not-found.tsx"),
  ]),
] satisfies RouteConfig;
