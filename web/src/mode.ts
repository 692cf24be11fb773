// The approval mode as a deliberate act: the live run's mode is shown, and a change goes through a confirmation
// dialog (a real <dialog>, labelled, with labelled buttons) naming the run, the mode now and the mode asked for; only
// "Change mode" sends it. The new-run form has its own mode select: a new run never inherits the live run's mode.
export class ModeControl {
  private readonly select: HTMLSelectElement;
  private readonly dialog: HTMLDialogElement;
  private readonly text: HTMLElement;
  private current = "manual";
  private asked = "";

  /** `change(mode)` sends the change (rejects with the server's reason). */
  constructor(select: HTMLSelectElement, private readonly change: (mode: string) => Promise<void>, private readonly report: (s: string) => void) {
    this.select = select;
    select.setAttribute("aria-label", "Approval mode of the live run (asks for confirmation)");
    this.dialog = document.createElement("dialog");
    this.dialog.id = "mode-dialog";
    this.dialog.dataset.testid = "mode-dialog";
    this.dialog.setAttribute("aria-labelledby", "mode-dialog-title");
    this.dialog.setAttribute("aria-describedby", "mode-dialog-text");
    const title = document.createElement("h2");
    title.id = "mode-dialog-title";
    title.textContent = "Change the approval mode?";
    this.text = document.createElement("p");
    this.text.id = "mode-dialog-text";
    const confirm = document.createElement("button");
    confirm.type = "button";
    confirm.id = "mode-confirm";
    confirm.textContent = "Change mode";
    const cancel = document.createElement("button");
    cancel.type = "button";
    cancel.id = "mode-cancel";
    cancel.textContent = "Keep the current mode";
    this.dialog.append(title, this.text, confirm, " ", cancel);
    document.body.append(this.dialog);
    select.addEventListener("change", () => this.ask());
    confirm.onclick = () => void this.confirm();
    cancel.onclick = () => this.dialog.close();
    this.dialog.addEventListener("close", () => (this.select.value = this.current));
  }

  /** The mode of the run followed, as the server says (never overwrites a choice waiting for confirmation). */
  show(mode: string): void {
    this.current = mode;
    if (!this.dialog.open && this.select.value !== mode) this.select.value = mode;
  }

  private ask(): void {
    this.asked = this.select.value;
    if (this.asked === this.current) return;
    const name = (m: string) => this.select.querySelector<HTMLOptionElement>(`option[value="${m}"]`)?.textContent ?? m;
    this.text.textContent = `The live run's approval mode goes from ${name(this.current)} to ${name(this.asked)} now` +
      (this.asked === "auto" ? ": every recommendation will fire without approval." : this.asked === "semi" ? ": recommendations fire on their own after the delay unless vetoed." : ": every shot waits for an approval.") +
      " The change is recorded with your name.";
    this.dialog.showModal();
  }

  private async confirm(): Promise<void> {
    const mode = this.asked;
    try {
      await this.change(mode);
      this.current = mode;
      this.report(`mode changed to ${mode}`);
    } catch (e) {
      this.report(`mode not changed: ${(e as Error).message}`);
    }
    this.dialog.close();
  }
}

/** The new-run form's own mode select, put after the seed field (manual by default). */
export function newRunModeSelect(after: HTMLElement): HTMLSelectElement {
  const label = document.createElement("label");
  label.textContent = "New run's mode ";
  const select = document.createElement("select");
  select.id = "new-run-mode";
  select.dataset.testid = "new-run-mode";
  for (const [value, text] of [["manual", "manual"], ["semi", "semi-automatic"], ["auto", "automatic"]]) {
    const o = document.createElement("option");
    o.value = value;
    o.textContent = text;
    select.append(o);
  }
  label.append(select);
  after.insertAdjacentElement("afterend", label);
  return select;
}
