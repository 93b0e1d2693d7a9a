import { type RouteConfig, index, layout, route } from "@react-router/dev/routes";

export default [
  route("login", "routes/login.tsx"),
  route("register", "routes/register.tsx"),
  route("logout", "routes/logout.ts"),
  route("set-locale", "routes/set-locale.ts"),
  route("healthz", "routes/healthz.ts"),
  layout("routes/shell.tsx", [
    index("routes/home.tsx"),
    route("account", "routes/account.tsx"),
    route("company", "routes/company-redirect.ts"),
    route("company/:id", "routes/company.tsx"),
    route("products", "routes/products.tsx"),
    route("catalog", "routes/catalog/index.tsx"),
    route("cart", "routes/cart/index.tsx"),
    route("cart/quick-order", "routes/cart/quick-order.tsx"),
    route("cart/templates", "routes/cart/templates.tsx"),
    route("stock", "routes/stock/balances.tsx"),
    route("stock/moves", "routes/stock/moves.tsx"),
    route("stock/call-offs", "routes/stock/call-offs.tsx"),
    route("stock/call-offs/:id", "routes/stock/call-off.tsx"),
    route("stock/sell-out", "routes/stock/sell-out.tsx"),
    route("stock/sell-out/:id", "routes/stock/sell-out-report.tsx"),
    route("*", "routes/not-found.tsx"),
  ]),
] satisfies RouteConfig;
