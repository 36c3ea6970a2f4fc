/**
 * Progressive enhancement of the reply form (the form works without this). With it:
 * - the reply is sent with fetch and the answer shown in place, errors next to their fields;
 * - the draft is kept in this browser until the server accepts it, so a failed or interrupted
 *   send, or a closed tab, never loses the reader's text;
 * - "Reply to …" links set the parent and move to the form;
 * - an opt-in checkbox remembers name, email and website in this browser (off by default).
 * Nothing is fetched or stored until the reader uses the form.
 */

interface ReplyAnswer {
  ok: boolean;
  status?: "pending" | "approved";
  code?: string;
  message?: string;
  fields?: Record<string, string>;
}

const IDENTITY_KEY = "broadsheet:reply-identity";
const IDENTITY_FIELDS = ["author", "email", "url"] as const;

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // Blocked (private mode, policy): the form still works.
  }
}

function field(form: HTMLFormElement, name: string): HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | undefined {
  const element = form.elements.namedItem(name);
  return element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement
    ? element
    : undefined;
}

function enhance(form: HTMLFormElement): void {
  const article = field(form, "article")?.value ?? "";
  const draftKey = `broadsheet:reply-draft:${article}`;
  const status = form.querySelector<HTMLElement>("[data-reply-status]");
  const button = form.querySelector<HTMLButtonElement>("button[type=submit]");
  const remember = form.querySelector<HTMLInputElement>("#reply-remember");
  const store = storage();

  // Restore what this browser kept.
  const draft = store?.getItem(draftKey);
  const comment = field(form, "comment");
  if (draft && comment && !comment.value) {
    const saved = JSON.parse(draft) as { comment?: string; parent?: string };
    comment.value = saved.comment ?? "";
    const parent = field(form, "parent");
    if (parent && saved.parent) parent.value = saved.parent;
  }
  const identity = store?.getItem(IDENTITY_KEY);
  if (identity && remember) {
    const saved = JSON.parse(identity) as Record<string, string>;
    for (const name of IDENTITY_FIELDS) {
      const input = field(form, name);
      if (input && !input.value && saved[name]) input.value = saved[name];
    }
    remember.checked = true;
  }
  form.querySelector<HTMLElement>("[data-remember]")?.removeAttribute("hidden");

  const saveDraft = () =>
    store?.setItem(draftKey, JSON.stringify({ comment: field(form, "comment")?.value ?? "", parent: field(form, "parent")?.value ?? "" }));
  form.addEventListener("input", (event) => {
    if (event.target === comment || event.target === field(form, "parent")) saveDraft();
    clearFieldError(event.target);
  });
  remember?.addEventListener("change", () => {
    if (!remember.checked) store?.removeItem(IDENTITY_KEY);
  });

  document.querySelectorAll<HTMLAnchorElement>("a[data-reply-to]").forEach((link) => {
    link.addEventListener("click", (event) => {
      const parent = field(form, "parent");
      if (!parent) return;
      event.preventDefault();
      parent.value = link.dataset.replyTo ?? "";
      saveDraft();
      comment?.focus();
    });
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearAllErrors(form);
    if (button) button.disabled = true;
    show(status, "Sending your reply…");
    saveDraft();
    try {
      const response = await fetch(form.action, {
        method: "POST",
        headers: { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(new FormData(form) as unknown as Record<string, string>),
      });
      const answer = (await response.json().catch(() => ({ ok: false }))) as ReplyAnswer;
      if (answer.ok) {
        store?.removeItem(draftKey);
        if (remember?.checked) {
          store?.setItem(
            IDENTITY_KEY,
            JSON.stringify(Object.fromEntries(IDENTITY_FIELDS.map((name) => [name, field(form, name)?.value ?? ""]))),
          );
        }
        if (comment) comment.value = "";
        show(status, answer.message ?? "Thank you, your reply was received.");
      } else {
        show(status, `${answer.message ?? "Your reply could not be sent."} Your text is kept here.`);
        for (const [name, message] of Object.entries(answer.fields ?? {})) showFieldError(form, name, message);
        form.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
      }
    } catch {
      show(status, "We could not reach the server. Your text is kept here (and in this browser): please try again.");
    } finally {
      if (button) button.disabled = false;
      // A Turnstile token is good for one send: the next one needs a fresh challenge.
      (window as { turnstile?: { reset(): void } }).turnstile?.reset();
    }
  });
}

function show(region: HTMLElement | null, message: string): void {
  if (region) region.textContent = message;
}

function showFieldError(form: HTMLFormElement, name: string, message: string): void {
  const input = field(form, name);
  if (!input) return;
  const error = document.createElement("span");
  error.className = "field-error";
  error.id = `${input.id}-error`;
  error.textContent = message;
  input.setAttribute("aria-invalid", "true");
  input.setAttribute("aria-describedby", [input.getAttribute("aria-describedby"), error.id].filter(Boolean).join(" "));
  input.insertAdjacentElement("afterend", error);
}

function clearFieldError(target: EventTarget | null): void {
  if (!(target instanceof HTMLElement) || target.getAttribute("aria-invalid") !== "true") return;
  target.removeAttribute("aria-invalid");
  const errorId = `${target.id}-error`;
  document.getElementById(errorId)?.remove();
  const describedBy = (target.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id && id !== errorId);
  if (describedBy.length) target.setAttribute("aria-describedby", describedBy.join(" "));
  else target.removeAttribute("aria-describedby");
}

function clearAllErrors(form: HTMLFormElement): void {
  for (const element of form.querySelectorAll("[aria-invalid=true]")) clearFieldError(element);
}

document.querySelectorAll<HTMLFormElement>("form[data-reply-form]").forEach(enhance);
