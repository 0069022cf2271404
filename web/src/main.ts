// Entry point of the browser app. The login form is the first page; the role pages follow.
type Me = { fullName: string; role: string };

const root = document.querySelector<HTMLElement>("#app")!;

function renderLogin(message = ""): void {
  root.innerHTML = `
    <h1>Back office logement</h1>
    <form id="login" novalidate>
      <label for="email">Adresse électronique</label>
      <input id="email" name="email" type="email" autocomplete="username" required />
      <label for="password">Mot de passe</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required />
      <p role="alert" id="login-error"></p>
      <button type="submit">Se connecter</button>
    </form>`;
  root.querySelector("#login-error")!.textContent = message;
  root.querySelector<HTMLFormElement>("#login")!.addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const response = await fetch("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: form.get("email"), password: form.get("password") }),
    });
    if (!response.ok) return renderLogin((await response.json()).detail ?? "Connexion impossible");
    renderHome((await response.json()) as Me);
  });
}

function renderHome(me: Me): void {
  const title = document.createElement("h1");
  title.textContent = `Bonjour ${me.fullName}`;
  const role = document.createElement("p");
  role.textContent = `Rôle : ${me.role}`;
  root.replaceChildren(title, role);
}

const response = await fetch("/api/auth/me");
if (response.ok) renderHome((await response.json()) as Me);
else renderLogin();
export {};
