import { useTranslation } from "@cs/i18n/react";
import { Form, Link } from "react-router";
import type { ActivityRow, TaskRow } from "@cs/domain";
import { activityKinds } from "@cs/domain/shared/schema-vocabulary";
import { Badge, Button, Card, SelectField, TextAreaField, TextField, formatDateTime } from "@cs/ui";
import { CsrfInput, FormAlert, type ActionResult, FormKeys } from "@cs/web";

const errorsOf = (result: ActionResult, t: (k: string) => string) => (name: string) => result?.error[name]?.map((k) => t(k)) ?? null;
const valueOf = (result: ActionResult, name: string, fallback = "") => {
  const v = result?.initialValue?.[name];
  return typeof v === "string" ? v : fallback;
};

/** The contact history of an account, newest first, with a compact form to log one in a few seconds. */
export function ActivityPanel({
  activities,
  contacts,
  canLog,
  now,
  formKey,
  result,
}: {
  activities: ActivityRow[];
  contacts: { id: string; name: string }[];
  canLog: boolean;
  /** The current time as a datetime-local value in China, the form's default. */
  now: string;
  formKey: string;
  result: ActionResult;
}) {
  const { t, i18n } = useTranslation();
  const errs = errorsOf(result, t);
  return (
    <Card title={t("relations.activity.title")}>
      {canLog ? (
        <Form method="post" className="mb-4 space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3" aria-label={t("relations.activity.add")}>
          <FormKeys formKey={formKey} intent="logActivity" />
          <FormAlert result={result} />
          <div className="grid gap-3 sm:grid-cols-3">
            <SelectField
              label={t("relations.activity.fields.kind")}
              name="kind"
              required
              defaultValue={valueOf(result, "kind", "call")}
              options={activityKinds.map((k) => ({ value: k, label: t(`relations.activity.kinds.${k}`) }))}
              errors={errs("kind")}
            />
            <TextField label={t("relations.activity.fields.occurredAt")} name="occurredAt" type="datetime-local" defaultValue={valueOf(result, "occurredAt", now)} errors={errs("occurredAt")} />
            <SelectField
              label={t("relations.activity.fields.contact")}
              name="contactId"
              defaultValue={valueOf(result, "contactId")}
              placeholder="—"
              options={contacts.map((c) => ({ value: c.id, label: c.name }))}
              errors={errs("contactId")}
            />
          </div>
          <TextAreaField label={t("relations.activity.fields.summary")} name="summary" required rows={2} maxLength={2000} defaultValue={valueOf(result, "summary")} errors={errs("summary")} />
          <div className="grid gap-3 sm:grid-cols-3">
            <TextField label={t("relations.activity.fields.outcome")} name="outcome" maxLength={1000} defaultValue={valueOf(result, "outcome")} errors={errs("outcome")} />
            <TextField label={t("relations.activity.fields.nextStep")} name="nextStep" maxLength={200} defaultValue={valueOf(result, "nextStep")} errors={errs("nextStep")} />
            <TextField label={t("relations.activity.fields.followUpAt")} name="followUpAt" type="datetime-local" defaultValue={valueOf(result, "followUpAt")} errors={errs("followUpAt")} />
          </div>
          <Button>{t("relations.activity.add")}</Button>
        </Form>
      ) : null}
      {activities.length === 0 ? (
        <p className="text-sm text-slate-600">{t("relations.activity.empty")}</p>
      ) : (
        <ol className="divide-y divide-slate-100">
          {activities.map((a) => (
            <li key={a.id} className="py-2 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone="blue">{t(`relations.activity.kinds.${a.kind}`)}</Badge>
                <span className="text-slate-500">{t("relations.activity.by", { name: a.staffName, when: formatDateTime(a.occurredAt, i18n.language) })}</span>
                {a.contactName ? <span className="text-slate-500">{t("relations.activity.withContact", { name: a.contactName })}</span> : null}
              </div>
              <p className="mt-1 whitespace-pre-line text-slate-900">{a.summary}</p>
              {a.outcome ? (
                <p className="text-slate-700">
                  <span className="text-slate-500">{t("relations.activity.fields.outcome")}：</span>
                  {a.outcome}
                </p>
              ) : null}
              {a.nextStep ? (
                <p className="text-slate-700">
                  <span className="text-slate-500">{t("relations.activity.fields.nextStep")}：</span>
                  {a.nextStep}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

/** Done / reopen: one small form per task, safe to send twice. */
export function TaskDoneButton({ task }: { task: Pick<TaskRow, "id" | "doneAt" | "title"> }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="inline">
      <CsrfInput />
      <input type="hidden" name="intent" value="taskDone" />
      <input type="hidden" name="taskId" value={task.id} />
      <input type="hidden" name="done" value={task.doneAt ? "false" : "true"} />
      <Button variant="secondary" className="px-2 py-1 text-xs" aria-label={`${task.doneAt ? t("relations.task.undo") : t("relations.task.done")}：${task.title}`}>
        {task.doneAt ? t("relations.task.undo") : t("relations.task.done")}
      </Button>
    </Form>
  );
}

/** One task line: title, account, due time (red once past), assignee and the done button. */
export function TaskLine({ task, now, showOrganization }: { task: TaskRow; now: Date; showOrganization?: boolean }) {
  const { t, i18n } = useTranslation();
  const overdue = !task.doneAt && new Date(task.dueAt) < now;
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
      <div className="min-w-0">
        <p className={task.doneAt ? "text-slate-500 line-through" : "font-medium text-slate-900"}>{task.title}</p>
        <p className="text-xs text-slate-500">
          {showOrganization ? (
            <>
              <Link to={`/organizations/${task.organizationId}`} className="text-blue-800 underline">
                {task.organizationName}
              </Link>
              {" · "}
            </>
          ) : null}
          <span className={overdue ? "font-medium text-red-700" : undefined}>
            {formatDateTime(task.dueAt, i18n.language)}
            {overdue ? ` · ${t("relations.task.overdue")}` : ""}
          </span>
          {" · "}
          {task.assigneeName}
          {task.remindAt && !task.doneAt ? ` · ${t("relations.task.remind", { when: formatDateTime(task.remindAt, i18n.language) })}` : ""}
        </p>
      </div>
      <TaskDoneButton task={task} />
    </li>
  );
}

/** An account's open tasks and the last ones done, with a form for a new one. */
export function TaskPanel({
  tasks,
  assignees,
  canWork,
  formKey,
  result,
}: {
  tasks: { open: TaskRow[]; done: TaskRow[] };
  assignees: { id: string; name: string }[];
  canWork: boolean;
  formKey: string;
  result: ActionResult;
}) {
  const { t } = useTranslation();
  const errs = errorsOf(result, t);
  const at = new Date();
  return (
    <Card title={t("relations.task.title")}>
      {tasks.open.length === 0 ? <p className="text-sm text-slate-600">{t("relations.task.empty")}</p> : null}
      <ul className="divide-y divide-slate-100">
        {tasks.open.map((task) => (canWork ? <TaskLine key={task.id} task={task} now={at} /> : <li key={task.id} className="py-2 text-sm">{task.title}</li>))}
        {tasks.done.map((task) => (canWork ? <TaskLine key={task.id} task={task} now={at} /> : null))}
      </ul>
      {canWork ? (
        <Form method="post" className="mt-3 grid gap-3 rounded-md border border-slate-200 bg-slate-50 p-3 sm:grid-cols-2 lg:grid-cols-5" aria-label={t("relations.task.add")}>
          <FormKeys formKey={formKey} intent="addTask" />
          <div className="sm:col-span-2 lg:col-span-5">
            <FormAlert result={result} />
          </div>
          <TextField label={t("relations.task.fields.title")} name="title" required maxLength={200} defaultValue={valueOf(result, "title")} errors={errs("title")} className="sm:col-span-2" />
          <TextField label={t("relations.task.fields.dueAt")} name="dueAt" type="datetime-local" required defaultValue={valueOf(result, "dueAt")} errors={errs("dueAt")} />
          <TextField label={t("relations.task.fields.remindAt")} name="remindAt" type="datetime-local" defaultValue={valueOf(result, "remindAt")} errors={errs("remindAt")} />
          <SelectField
            label={t("relations.task.fields.assignee")}
            name="assigneeId"
            defaultValue={valueOf(result, "assigneeId")}
            placeholder={t("relations.task.me")}
            options={assignees.map((a) => ({ value: a.id, label: a.name }))}
            errors={errs("assigneeId")}
          />
          <div className="sm:col-span-2 lg:col-span-5">
            <Button>{t("relations.task.add")}</Button>
          </div>
        </Form>
      ) : null}
    </Card>
  );
}
