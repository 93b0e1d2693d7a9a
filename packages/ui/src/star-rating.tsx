import { FieldErrors } from "./controls";

/**
 * One to five stars, none chosen until the user clicks one: radio buttons (so it works before
 * JavaScript loads and with a keyboard), drawn as stars. Inputs run 5 → 1 in a row-reversed line,
 * so "this star and the ones before it" is the checked input's following siblings in CSS.
 */
export function StarRating({ name, legend, levels, required, errors }: { name: string; legend: string; levels: readonly [string, string, string, string, string]; required?: boolean; errors?: string[] | null }) {
  const errorId = `${name}-errors`;
  return (
    <fieldset aria-describedby={errors?.length ? errorId : undefined}>
      <legend className="mb-1 block text-sm font-medium text-slate-700">{legend}</legend>
      <div className="flex flex-row-reverse justify-end gap-1 [&>input:checked~label]:text-amber-500 [&>input:focus-visible+label]:outline-2 [&>input:focus-visible+label]:outline-blue-700 [&>label:hover]:text-amber-400 [&>label:hover~label]:text-amber-400">
        {[5, 4, 3, 2, 1].map((n) => (
          <FragmentPair key={n} name={name} value={n} label={levels[n - 1]!} required={required} />
        ))}
      </div>
      <FieldErrors id={errorId} errors={errors} />
    </fieldset>
  );
}

function FragmentPair({ name, value, label, required }: { name: string; value: number; label: string; required?: boolean }) {
  const id = `${name}-${value}`;
  return (
    <>
      <input id={id} type="radio" name={name} value={value} required={required} className="peer sr-only" />
      <label htmlFor={id} className="cursor-pointer rounded px-0.5 text-3xl leading-none text-slate-300" title={label}>
        <span aria-hidden="true">★</span>
        <span className="sr-only">{label}</span>
      </label>
    </>
  );
}
