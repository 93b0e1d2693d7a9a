import postgres from "postgres";

type Row = { id: string; sku: string; name: string };

const holder = globalThis as unknown as { __floorSql?: postgres.Sql };
const sql = () => (holder.__floorSql ??= postgres(process.env.DATABASE_URL!, { max: 10 }));

/** 20 rows of one table, the page's only work beside rendering them. */
export async function loader() {
  const rows = await sql()<Row[]>`select id, sku, name_zh as name from products order by sku limit 20`;
  return { rows: rows.map((r) => ({ id: r.id, sku: r.sku, name: r.name })) };
}

export function meta() {
  return [{ title: "Floor" }];
}

export default function Rows({ loaderData }: { loaderData: Awaited<ReturnType<typeof loader>> }) {
  return (
    <main>
      <h1>Products</h1>
      <table>
        <thead>
          <tr>
            <th>SKU</th>
            <th>Name</th>
          </tr>
        </thead>
        <tbody>
          {loaderData.rows.map((r) => (
            <tr key={r.id}>
              <td>{r.sku}</td>
              <td>{r.name}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
