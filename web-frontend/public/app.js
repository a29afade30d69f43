'use strict';

// Every call is relative: the page and the API come from the same nginx, which proxies /api/ to the services.
// No host or port of any service appears here.
const API = '/api';

// The token lives only as long as this browser tab (sessionStorage), never in long-lived storage.
const session = {
    get token() { return sessionStorage.getItem('token'); },
    get email() { return sessionStorage.getItem('email'); },
    start(token, email) {
        sessionStorage.setItem('token', token);
        sessionStorage.setItem('email', email);
    },
    end() {
        sessionStorage.removeItem('token');
        sessionStorage.removeItem('email');
    },
};

const $ = (id) => document.getElementById(id);

const UNAVAILABLE = 'The service is unavailable right now. Please try again in a moment.';

/** Calls the API; resolves to {ok, status, body} and never throws, so every failure can be shown in words. */
async function call(method, path, body) {
    const headers = {Accept: 'application/json, application/problem+json'};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (session.token) headers.Authorization = 'Bearer ' + session.token;
    try {
        const response = await fetch(API + path, {
            method, headers, body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        let parsed = null;
        try { parsed = text ? JSON.parse(text) : null; } catch { parsed = null; }
        return {ok: response.ok, status: response.status, body: parsed};
    } catch {
        return {ok: false, status: 0, body: null};
    }
}

/** What a person should read for a failed call. */
function explain(result, whatFailed) {
    const detail = result.body && typeof result.body.detail === 'string' ? result.body.detail : null;
    switch (result.status) {
        case 0: case 502: case 503: case 504: return UNAVAILABLE;
        case 409: return 'An account with this email address already exists. Log in instead?';
        case 413: return 'That is too much text.';
        case 422: return detail || 'Please check what you entered.';
        case 429: return 'Too many attempts. Please wait a minute and try again.';
        default: return detail || whatFailed;
    }
}

function notify(message) {
    const notice = $('notice');
    notice.textContent = message || '';
    notice.hidden = !message;
}

function showError(id, message) {
    $(id).textContent = message || '';
}

/** Disables a button (a form's: its submit button) while its request runs, so a double click sends one request. */
async function busy(element, work) {
    const button = element.matches('form') ? element.querySelector('button[type=submit]') : element;
    button.disabled = true;
    try { return await work(); } finally { button.disabled = false; }
}

function render() {
    const loggedIn = Boolean(session.token);
    $('auth-view').hidden = loggedIn;
    $('tasks-view').hidden = !loggedIn;
    $('session').hidden = !loggedIn;
    $('who').textContent = loggedIn ? session.email : '';
    if (loggedIn) loadTasks();
}

function expired() {
    session.end();
    render();
    notify('Your session has expired. Please log in again.');
    $('login-email').focus();
}

async function logIn(email, password) {
    const result = await call('POST', '/users/login', {email, password});
    if (result.ok) {
        session.start(result.body.token, email.trim().toLowerCase());
        notify('');
        render();
        $('task-title').focus();
        return null;
    }
    return result.status === 401 ? 'Wrong email or password.' : explain(result, 'Logging in failed.');
}

$('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    busy(form, async () => {
        showError('login-error', await logIn($('login-email').value, $('login-password').value));
    });
});

$('signup-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    busy(form, async () => {
        const email = $('signup-email').value;
        const password = $('signup-password').value;
        const result = await call('POST', '/users/signup', {email, password});
        if (!result.ok) {
            showError('signup-error', explain(result, 'Signing up failed.'));
            return;
        }
        showError('signup-error', '');
        form.reset();
        showError('signup-error', await logIn(email, password));
    });
});

$('logout').addEventListener('click', () => {
    session.end();
    listVersion++;
    $('task-list').replaceChildren();
    notify('You are logged out.');
    render();
    $('login-email').focus();
});

$('refresh').addEventListener('click', () => loadTasks());

$('older-tasks').addEventListener('click', (event) => busy(event.currentTarget, () => loadTasks(true)));

$('task-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const title = $('task-title').value;
    if (!title.trim()) {
        showError('task-error', 'Enter a title.');
        $('task-title').focus();
        return;
    }
    const text = $('task-text').value;
    busy(form, async () => {
        const result = await call('POST', '/tasks', {title, text});
        if (result.status === 401) return expired();
        if (!result.ok) {
            showError('task-error', explain(result, 'The task could not be saved.'));
            return;
        }
        showError('task-error', '');
        notify('');
        // Clear only what was sent: anything typed while the request ran stays.
        if ($('task-title').value === title) $('task-title').value = '';
        if ($('task-text').value === text) $('task-text').value = '';
        $('task-title').focus();
        await loadTasks();
    });
});

// GET /tasks answers a page: the newest 100 tasks, and whether older ones follow. The next page is the tasks
// before the oldest one shown (?before=<its id>), so tasks added or deleted meanwhile never shift it.
let oldestShown = null;
// Each fresh load counts up, so an older page asked for before it is not appended to the new list.
let listVersion = 0;

/** Shows the newest tasks, or with older = true appends the page that follows the tasks shown. */
async function loadTasks(older = false) {
    const version = older ? listVersion : ++listVersion;
    $('tasks-loading').hidden = false;
    const result = await call('GET', '/tasks' + (older ? '?before=' + encodeURIComponent(oldestShown) : ''));
    $('tasks-loading').hidden = true;
    if (version !== listVersion) return;
    if (result.status === 401) return expired();
    if (!result.ok) {
        notify(explain(result, 'Your tasks could not be loaded.'));
        return;
    }
    notify('');
    showTasks(result.body.tasks, result.body.hasMore, older);
}

async function deleteTask(task, button) {
    button.disabled = true;
    const result = await call('DELETE', '/tasks/' + encodeURIComponent(task.id));
    if (result.status === 401) return expired();
    if (!result.ok && result.status !== 404) {
        button.disabled = false;
        notify(explain(result, 'The task could not be deleted.'));
        return;
    }
    notify('');
    // Only this task goes: the older pages someone has opened stay open.
    button.closest('li').remove();
    if ($('task-list').children.length === 0) await loadTasks();
}

/** Builds the list with textContent only: whatever a user typed is shown as text, never run as HTML. */
function showTasks(tasks, hasMore, append) {
    const list = $('task-list');
    if (!append) list.replaceChildren();
    for (const task of tasks) {
        const item = document.createElement('li');
        const body = document.createElement('div');
        const title = document.createElement('h3');
        title.textContent = task.title;
        body.append(title);
        if (task.text) {
            const text = document.createElement('p');
            text.textContent = task.text;
            body.append(text);
        }
        const created = document.createElement('time');
        created.dateTime = task.createdAt;
        created.textContent = 'Created ' + new Date(task.createdAt).toLocaleString();
        body.append(created);

        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'danger';
        remove.textContent = 'Delete';
        remove.setAttribute('aria-label', 'Delete task: ' + task.title);
        remove.addEventListener('click', () => deleteTask(task, remove));

        item.append(body, remove);
        list.append(item);
    }
    if (tasks.length > 0) oldestShown = tasks[tasks.length - 1].id;
    $('tasks-empty').hidden = list.children.length > 0;
    $('older-tasks').hidden = !hasMore;
}

render();
