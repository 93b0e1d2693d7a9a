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
    layout("routes/stock/layout.tsx", [
      route("stock", "routes/stock/products/list.tsx"),
      route("stock/locations", "routes/stock/locations/list.tsx"),
      route("stock/locations/:id", "routes/stock/locations/detail.tsx"),
      route("stock/moves", "routes/stock/moves/list.tsx"),
      route("stock/low", "routes/stock/low.tsx"),
      route("stock/partners", "routes/stock/partners.tsx"),
      route("stock/serials", "routes/stock/serials.tsx"),
      route("stock/documents", "routes/stock/documents/list.tsx"),
      route("stock/documents/new/:kind", "routes/stock/documents/new.tsx"),
      route("stock/documents/:id", "routes/stock/documents/detail.tsx"),
    ]),
    route("stock/export.csv", "routes/stock/products/export.ts"),
    route("stock/moves/export.csv", "routes/stock/moves/export.ts"),
    route("*", "routes/not-found.tsx"),
  ]),
] satisfies RouteConfig;
