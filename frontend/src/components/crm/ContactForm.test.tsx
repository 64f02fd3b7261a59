import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import type { Schemas } from "@/lib/api";
import { I18nProvider } from "@/lib/i18n";
import { ContactForm } from "./ContactForm";

vi.mock("next/link", () => ({ default: ({ href, children, ...rest }: { href: string; children: ReactNode }) => <a href={href} {...rest}>{children}</a> }));

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" } });
}

/** A fake API: company lookups answer empty pages; contact creation answers `create`. */
function stubApi(create: (request: Request) => Response) {
  const calls: Request[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      calls.push(input);
      if (input.url.includes("/api/v1/companies")) return json(200, { items: [], next_cursor: null });
      return create(input);
    }),
  );
  return calls;
}

function renderForm(onSaved = vi.fn(), contact?: Schemas["ContactRead"]) {
  render(
    <I18nProvider initial="en">
      <ContactForm onSaved={onSaved} contact={contact} />
    </I18nProvider>,
  );
  return onSaved;
}

const CONTACT: Schemas["ContactRead"] = {
  id: "c1",
  first_name: "Iris",
  last_name: "Vasquez",
  email: "iris@work.example",
  emails: ["iris@work.example", "iris@home.example"],
  phone: "+33612345678",
  phones: ["+33612345678"],
  job_title: null,
  company_id: null,
  consents: {},
  merged_into_id: null,
  erased_at: null,
  owner_id: null,
  team_id: null,
  version: 3,
  tags: [],
  created_at: "2026-11-28T07:00:00Z",
  updated_at: "2026-11-28T07:00:00Z",
  archived_at: null,
};

describe("ContactForm", () => {
  it("warns about a duplicate and saves anyway with force", async () => {
    const calls = stubApi((request) =>
      new URL(request.url).searchParams.get("force") === "true"
        ? json(201, { id: "c2", first_name: "Iris", last_name: "V", version: 1, tags: [] })
        : json(409, { type: "urn:novacrm:problem:conflict", title: "Conflict", status: 409, detail: "exists", duplicate_id: "c1" }),
    );
    const onSaved = renderForm();
    await userEvent.type(screen.getByLabelText("First name"), "Iris");
    await userEvent.type(screen.getByLabelText("Email"), "iris@example.org");
    await userEvent.click(screen.getByRole("button", { name: "Create" }));

    expect(await screen.findByText("Possible duplicate.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Open the existing record" })).toHaveAttribute("href", "/contacts/c1");
    await userEvent.click(screen.getByRole("button", { name: "Save anyway" }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ id: "c2" })));
    const posted = calls.filter((c) => c.method === "POST");
    expect(await posted[0]!.clone().json()).toMatchObject({ first_name: "Iris", emails: ["iris@example.org"] });
  });

  it("shows the server's field error next to the field", async () => {
    stubApi(() =>
      json(422, {
        type: "urn:novacrm:problem:invalid-input",
        title: "Invalid input",
        status: 422,
        detail: "emails[0]: not an email address",
        errors: [{ loc: ["body", "emails", 0], msg: "not an email address", type: "value_error" }],
      }),
    );
    renderForm();
    await userEvent.type(screen.getByLabelText("First name"), "Iris");
    await userEvent.type(screen.getByLabelText("Email"), "nope");
    await userEvent.click(screen.getByRole("button", { name: "Create" }));

    const email = screen.getByLabelText("Email");
    await vi.waitFor(() => expect(email).toHaveAttribute("aria-invalid", "true"));
    expect(email).toHaveAccessibleDescription("not an email address");
  });

  it("adds and removes email and phone rows and sends every value, the first as primary", async () => {
    const calls = stubApi(() => json(201, { ...CONTACT, id: "c9" }));
    renderForm();
    await userEvent.type(screen.getByLabelText("First name"), "Iris");
    await userEvent.type(screen.getByLabelText("Email"), "iris@work.example");
    expect(screen.queryByRole("button", { name: "Remove email 1" })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Add an email" }));
    const second = screen.getByLabelText("Email 2");
    expect(second).toHaveFocus();
    await userEvent.type(second, "iris@home.example");
    await userEvent.click(screen.getByRole("button", { name: "Add an email" }));
    await userEvent.type(screen.getByLabelText("Email 3"), "old@example.org");
    await userEvent.click(screen.getByRole("button", { name: "Remove email 2" }));
    // The rows after the removed one move up and are renumbered; the focus stays in the list.
    expect(screen.getByLabelText("Email 2")).toHaveValue("old@example.org");
    expect(screen.queryByLabelText("Email 3")).not.toBeInTheDocument();
    expect(screen.getByLabelText("Email")).toHaveFocus();

    await userEvent.type(screen.getByLabelText("Phone"), "+33 6 12 34 56 78");
    await userEvent.click(screen.getByRole("button", { name: "Add a phone number" }));
    await userEvent.type(screen.getByLabelText("Phone 2"), "+1 415 555 0134");
    await userEvent.click(screen.getByRole("button", { name: "Create" }));

    await vi.waitFor(() => expect(calls.some((c) => c.method === "POST")).toBe(true));
    const body = await calls.find((c) => c.method === "POST")!.clone().json();
    expect(body).toMatchObject({ emails: ["iris@work.example", "old@example.org"], phones: ["+33 6 12 34 56 78", "+1 415 555 0134"] });
    expect(body).not.toHaveProperty("email");
  });

  it("edits every email of a contact and marks the row the server refused", async () => {
    const calls = stubApi((request) =>
      request.method === "PATCH"
        ? json(422, {
            type: "urn:novacrm:problem:invalid-input",
            title: "Invalid input",
            status: 422,
            detail: "emails[1]: not a valid email address",
            errors: [{ loc: ["body", "emails", 1], msg: "not a valid email address", type: "value_error" }],
          })
        : json(200, CONTACT),
    );
    renderForm(vi.fn(), CONTACT);
    expect(screen.getByLabelText("Email")).toHaveValue("iris@work.example");
    const second = screen.getByLabelText("Email 2");
    expect(second).toHaveValue("iris@home.example");
    await userEvent.clear(second);
    await userEvent.type(second, "nope");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));

    await vi.waitFor(() => expect(screen.getByLabelText("Email 2")).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getByLabelText("Email 2")).toHaveAccessibleDescription("not a valid email address");
    expect(screen.getByLabelText("Email")).not.toHaveAttribute("aria-invalid");
    const patch = calls.find((c) => c.method === "PATCH")!;
    expect(patch.headers.get("If-Match")).toBe('"3"');
    expect(await patch.clone().json()).toMatchObject({ emails: ["iris@work.example", "nope"], phones: ["+33612345678"] });
  });
});
