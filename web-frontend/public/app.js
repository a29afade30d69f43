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
// The services' limits. Lengths are counted in Unicode code points, as PostgreSQL's varchar and the services count
// them, so that "😀" is one character here and there (String.length would count it twice).
const LIMITS = {title: 200, text: 2000};
const PASSWORD = {min: 8, max: 128};
// How long a deleted task can be brought back: the DELETE is sent only when this has passed.
const UNDO_MILLIS = 5000;

/** Calls the API; resolves to {ok, status, body} and never throws, so every failure can be shown in words. */
async function call(method, path, body, token = session.token) {
    const headers = {Accept: 'application/json, application/problem+json'};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = 'Bearer ' + token;
    try {
        const start = performance.now();
        const response = await fetch(API + path, {
            method, headers, body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        showJourney(`${method} ${API}${path}`, response.status, performance.now() - start,
            response.headers.get('Server-Timing'), response.headers.get(TRACE_HEADER));
        let parsed = null;
        try { parsed = text ? JSON.parse(text) : null; } catch { parsed = null; }
        return {ok: response.ok, status: response.status, body: parsed};
    } catch {
        return {ok: false, status: 0, body: null};
    }
}

// One entry of a Server-Timing header (W3C): a name, then parameters such as dur=12.3 and desc="…" (a token or a
// quoted string). The browser's own parsing (PerformanceResourceTiming.serverTiming) exists only in a secure context,
// which plain http on a LoadBalancer's address is not.
const TIMING_ENTRY = /\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)((?:\s*;\s*[A-Za-z]+\s*=\s*(?:"(?:[^"\\]|\\.)*"|[^,;\s]*))*)\s*(?:,|$)/y;
const TIMING_PARAMETER = /;\s*([A-Za-z]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,;\s]*))/g;

/** A Server-Timing header as [{name, millis, details: [[key, value]...]}]; this system's desc is "key=value ...". */
function serverTiming(header) {
    const entries = [];
    TIMING_ENTRY.lastIndex = 0;
    for (let match; TIMING_ENTRY.lastIndex < header.length && (match = TIMING_ENTRY.exec(header));) {
        const entry = {name: match[1], millis: null, details: []};
        for (const [, key, quoted, plain] of match[2].matchAll(TIMING_PARAMETER)) {
            const value = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : plain;
            if (key.toLowerCase() === 'dur') entry.millis = Number(value);
            if (key.toLowerCase() === 'desc') {
                entry.details = value.split(' ').filter(Boolean).map((pair) => [...pair.split(/=(.*)/s, 2), ''].slice(0, 2));
            }
        }
        entries.push(entry);
    }
    return entries;
}

// Open Liberty's MicroProfile Telemetry names the trace of each answer it served, with the service's own span in it:
// "<trace id>:<span id>". nginx passes the header on from the service that answered.
const TRACE_HEADER = 'io.openliberty.trace';
const TRACE = /^([0-9a-f]{32}):[0-9a-f]{16}$/;

/**
 * "How this request travelled": the last API call, hop by hop, as nginx and the services tell it in Server-Timing,
 * and the id of its trace, which every hop's log line and span carries. With NETWORK_DETAILS off they tell nothing,
 * and the panel stays hidden.
 */
function showJourney(request, status, millis, header, traceHeader) {
    const hops = header ? serverTiming(header) : [];
    if (hops.length === 0) return;
    // nginx adds its entry after the services': the request met it first.
    hops.sort((a, b) => (b.name === 'nginx') - (a.name === 'nginx'));
    $('journey-request').textContent = `Your browser: ${request}, answered ${status} in ${Math.round(millis)} ms.`;
    $('journey-hops').replaceChildren(...hops.map((hop) => {
        const item = document.createElement('li');
        const name = document.createElement('strong');
        name.textContent = hop.name;
        item.append(name, hop.millis === null ? '' : `, ${hop.millis} ms`);
        if (hop.details.length) {
            const details = document.createElement('span');
            details.className = 'hop-details';
            details.textContent = hop.details.map(([key, value]) => `${key} ${value}`).join(' · ');
            item.append(': ', details);
        }
        // Said in words: an entry for auth-service that is a cache hit is a call that was not made.
        if (hop.details.some(([key, value]) => key === 'cache' && value === 'hit')) {
            item.append(' (remembered from a recent check: no call to auth-service)');
        }
        return item;
    }));
    const trace = TRACE.exec(traceHeader || '');
    $('journey-trace-id').textContent = trace ? trace[1] : 'none';
    $('journey').hidden = false;
}

/** What a person should read for a failed call. */
function explain(result, whatFailed) {
    const detail = result.body && typeof result.body.detail === 'string' ? result.body.detail : null;
    switch (result.status) {
        case 0: case 502: case 503: case 504: return UNAVAILABLE;
        case 413: return 'That is too much text.';
        case 422: return detail || 'Please check what you entered.';
        case 429: return 'Too many attempts. Please wait a minute and try again.';
        default: return detail || whatFailed;
    }
}

const length = (text) => [...text].length;

function notify(message) {
    const notice = $('notice');
    notice.textContent = message || '';
    notice.hidden = !message;
}

/** Says something to screen readers without showing it (the polite live region). */
function announce(message) {
    const announcer = $('announcer');
    announcer.textContent = '';
    // A change a moment later is announced even when the same words are said twice in a row.
    setTimeout(() => { announcer.textContent = message; }, 50);
}

function showError(id, message) {
    $(id).textContent = message || '';
}

/** A message under the field it is about, tied to it for screen readers; none clears it. */
function fieldError(fieldId, message) {
    const field = $(fieldId);
    const error = $(fieldId + '-error');
    if (typeof message === 'string' || !message) error.textContent = message || '';
    else error.replaceChildren(...message);
    if (message) field.setAttribute('aria-invalid', 'true');
    else field.removeAttribute('aria-invalid');
    error.dataset.kind = '';
}

/** Clears a form's field and form messages. */
function clearErrors(form) {
    for (const field of form.querySelectorAll('input, textarea')) fieldError(field.id, '');
    form.querySelector('.error').textContent = '';
}

/** Shows each message by its field and focuses the first field that is wrong; true if there was any. */
function showFieldErrors(form, errors) {
    let first = null;
    for (const field of form.querySelectorAll('input, textarea')) {
        const message = errors[field.name];
        if (!message) continue;
        fieldError(field.id, message);
        first = first || field;
    }
    if (first) first.focus();
    return first !== null;
}

/** A 422's errors as {field: its first message}, for the fields of this form. */
function errorsOf(result) {
    const errors = {};
    for (const error of (result.body && Array.isArray(result.body.errors)) ? result.body.errors : []) {
        if (typeof error.field === 'string' && typeof error.message === 'string' && !errors[error.field]) {
            errors[error.field] = error.message;
        }
    }
    return errors;
}

/**
 * Marks a button busy while its request runs, so a double click sends one request. aria-disabled instead of
 * disabled: a disabled button loses the keyboard focus (to <body>), a busy one keeps it.
 */
async function busy(button, work) {
    if (button.getAttribute('aria-disabled') === 'true') return undefined;
    button.setAttribute('aria-disabled', 'true');
    try { return await work(); } finally { button.removeAttribute('aria-disabled'); }
}

const submitButton = (form) => form.querySelector('button[type=submit]');

function render() {
    const loggedIn = Boolean(session.token);
    $('auth-view').hidden = loggedIn;
    $('tasks-view').hidden = !loggedIn;
    $('session').hidden = !loggedIn;
    showEmail(loggedIn ? session.email || '' : '');
    if (loggedIn) loadTasks('first');
}

/** The email in the header, breakable only after "@" and "." (and a "-"), never inside a name. */
function showEmail(email) {
    const parts = [];
    for (const piece of email.split(/(?<=[@.])/)) {
        if (parts.length) parts.push(document.createElement('wbr'));
        parts.push(document.createTextNode(piece));
    }
    $('who').replaceChildren(...parts);
}

/**
 * Everything of the user who was here leaves the page at once: the list, the drafts, the messages. Called on
 * expiry, on logout and before a login, so nobody ever sees another user's tasks under their own name.
 */
function forgetUser() {
    listVersion++;
    loading = null;
    for (const pending of pendingDeletes.values()) clearTimeout(pending.timer);
    pendingDeletes.clear();
    $('task-list').replaceChildren();
    oldestShown = null;
    showTotal(null);
    $('tasks-empty').hidden = true;
    $('older-tasks').hidden = true;
    for (const id of ['tasks-loading', 'refresh-loading', 'older-loading']) $(id).hidden = true;
    $('filter-all').checked = true;
    $('task-form').reset();
    clearErrors($('task-form'));
    updateCounters($('task-form'));
}

function clearLoginForms() {
    for (const form of [$('login-form'), $('signup-form')]) {
        form.reset();
        clearErrors(form);
    }
}

function expired() {
    session.end();
    forgetUser();
    render();
    notify('Your session has expired. Please log in again.');
    $('login-email').focus();
}

async function logIn(email, password) {
    const result = await call('POST', '/users/login', {email, password});
    if (result.ok) {
        forgetUser();
        clearLoginForms();
        session.start(result.body.token, email.trim().toLowerCase());
        notify('');
        render();
        $('task-title').focus();
        return null;
    }
    return result;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function emailProblem(email) {
    if (!email.trim()) return 'Enter your email address.';
    return EMAIL.test(email.trim()) ? null : 'Enter a valid email address.';
}

$('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    busy(submitButton(form), async () => {
        notify('');
        clearErrors(form);
        const email = $('login-email').value;
        const password = $('login-password').value;
        const problems = {email: emailProblem(email), password: password ? null : 'Enter your password.'};
        if (showFieldErrors(form, problems)) return;
        const failed = await logIn(email, password);
        if (!failed) return;
        if (failed.status === 401) showError('login-error', 'Wrong email or password.');
        else if (failed.status !== 422 || !showFieldErrors(form, errorsOf(failed))) {
            showError('login-error', explain(failed, 'Logging in failed.'));
        }
    });
});

$('signup-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    busy(submitButton(form), async () => {
        notify('');
        clearErrors(form);
        const email = $('signup-email').value;
        const password = $('signup-password').value;
        const passwordLength = length(password);
        const problems = {
            email: emailProblem(email),
            password: passwordLength < PASSWORD.min || passwordLength > PASSWORD.max
                ? `A password needs ${PASSWORD.min} to ${PASSWORD.max} characters.` : null,
        };
        if (showFieldErrors(form, problems)) return;
        const result = await call('POST', '/users/signup', {email, password});
        if (result.status === 409) {
            showFieldErrors(form, {email: alreadyExists(email)});
            return;
        }
        if (result.status === 422 && showFieldErrors(form, errorsOf(result))) return;
        if (!result.ok) {
            showError('signup-error', explain(result, 'Signing up failed.'));
            return;
        }
        const failed = await logIn(email, password);
        if (failed) showError('signup-error', explain(failed, 'Your account was created, but logging in failed.'));
    });
});

/** "Already exists", with a link that takes the email to the login form. */
function alreadyExists(email) {
    const link = document.createElement('a');
    link.href = '#login-form';
    link.textContent = 'Log in instead?';
    link.addEventListener('click', (event) => {
        event.preventDefault();
        clearLoginForms();
        $('login-email').value = email;
        $('login-password').focus();
    });
    return [document.createTextNode('An account with this email address already exists. '), link];
}

/**
 * A message goes as soon as it is no longer true: when the field it is about changes. A title or a text is counted
 * as it is typed.
 */
function watchFields(form) {
    form.addEventListener('input', (event) => {
        const field = event.target;
        if ($(field.id + '-error').dataset.kind !== 'limit') fieldError(field.id, '');
        if (field.name in LIMITS) updateCounters(form);
        notify('');
    });
}

for (const form of [$('login-form'), $('signup-form'), $('task-form')]) watchFields(form);

/**
 * The counters under a form's title and text, and a field over its limit marked as wrong (nothing is cut off).
 * Each counted field has a "-count" and an "-error" element after its id.
 */
function updateCounters(form) {
    for (const field of form.querySelectorAll('input, textarea')) {
        const max = LIMITS[field.name];
        if (!max) continue;
        const count = length(field.value);
        const over = count - max;
        const counter = $(field.id + '-count');
        counter.textContent = over > 0 ? `${count} / ${max} (${over} too many)` : `${count} / ${max}`;
        counter.classList.toggle('over', over > 0);
        const error = $(field.id + '-error');
        const wasOver = error.dataset.kind === 'limit';
        if (over > 0) {
            fieldError(field.id, overLimit(field.name, over));
            error.dataset.kind = 'limit';
            if (!wasOver) announce(overLimit(field.name, over));
        } else if (wasOver) {
            fieldError(field.id, '');
        }
    }
}

function overLimit(name, over) {
    return `${name === 'title' ? 'A title' : 'A text'} has at most ${LIMITS[name]} characters: this one has ${over} too many.`;
}

/** What is wrong with a task's title and text before it is sent, as {field: message}; the service says the same. */
function taskProblems(title, text) {
    const tooLong = (name, value) => length(value) > LIMITS[name] ? overLimit(name, length(value) - LIMITS[name]) : null;
    return {title: title.trim() ? tooLong('title', title) : 'Enter a title.', text: tooLong('text', text)};
}

// The page forgets the user at once, whatever the server answers: nothing of theirs stays on a shared screen.
$('logout').addEventListener('click', () => {
    const token = session.token;
    const deletions = [...pendingDeletes.keys()];
    session.end();
    forgetUser();
    clearLoginForms();
    render();
    notify('You are logged out.');
    $('login-email').focus();
    endSessionOnServer(token, deletions);
});

/**
 * Sends the deletions still waiting for their undo time (what the person asked for), then ends the session on the
 * server: from then on the token is refused. If the server cannot be told, the person learns until when the
 * session stays valid there.
 */
async function endSessionOnServer(token, deletions) {
    await Promise.all(deletions.map((id) => call('DELETE', '/tasks/' + encodeURIComponent(id), undefined, token)));
    let result;
    for (const wait of [0, 1000, 3000]) {
        await new Promise((resolve) => setTimeout(resolve, wait));
        result = await call('POST', '/users/logout', undefined, token);
        // 401: the token was no longer valid anyway.
        if (result.ok || result.status === 401 || ![0, 502, 503, 504].includes(result.status)) break;
    }
    if (result.ok || result.status === 401 || session.token) return;
    const expiry = expiryOf(token);
    notify('You are logged out on this computer, but the server could not be reached to end your session there. '
        + (expiry ? `It ends by itself at ${expiry.toLocaleTimeString()}.` : 'It ends by itself within the hour.'));
}

/** When a token expires, read from its own claims (it is a JWT); null if it cannot be read. */
function expiryOf(token) {
    try {
        const claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
        return typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null;
    } catch {
        return null;
    }
}

$('refresh').addEventListener('click', (event) => busy(event.currentTarget, () => loadTasks('refresh')));

$('older-tasks').addEventListener('click', (event) => busy(event.currentTarget, () => loadTasks('older')));

$('task-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const title = $('task-title').value;
    const text = $('task-text').value;
    notify('');
    showError('task-error', '');
    if (showFieldErrors(form, taskProblems(title, text))) return;
    busy(submitButton(form), async () => {
        const result = await call('POST', '/tasks', {title, text});
        if (result.status === 401) return expired();
        if (result.status === 422 && showFieldErrors(form, errorsOf(result))) return;
        if (!result.ok) {
            showError('task-error', explain(result, 'The task could not be saved.'));
            return;
        }
        // Clear only what was sent: anything typed while the request ran stays.
        if ($('task-title').value === title) $('task-title').value = '';
        if ($('task-text').value === text) $('task-text').value = '';
        updateCounters(form);
        // The new task goes on top; the pages opened below and the scroll position stay as they are.
        if (result.body && result.body.createdTask) {
            if (filter() === 'done') {
                announce('Task added. It is open: choose Open or All to see it.');
                return;
            }
            addTotal(1);
            $('task-list').prepend(taskItem(result.body.createdTask));
            $('tasks-empty').hidden = true;
            announce('Task added.');
            // A list that was still loading may have been read before this task was stored: it is read again.
            if (loading) loadTasks(loading);
        }
    });
});

// GET /tasks answers a page: the newest 100 tasks, and whether older ones follow. The next page is the tasks
// before the oldest one shown (?before=<its id>), so tasks added or deleted meanwhile never shift it.
let oldestShown = null;
// Each fresh load counts up, so an older page asked for before it is not appended to the new list.
let listVersion = 0;
// The total number of the user's tasks, when the service says it (GET /tasks's "total").
let total = null;
// The kind of fresh load ('first' or 'refresh') under way, if any.
let loading = null;
// Deleted tasks whose DELETE waits for the undo time: id -> {timer, send}.
const pendingDeletes = new Map();

/** Which tasks the list shows: 'all', 'open' or 'done'. */
const filter = () => document.querySelector('input[name=filter]:checked').value;

$('task-filter').addEventListener('change', () => loadTasks('first'));

/** GET /tasks for the filter chosen, and the page before a task id (null: the newest page). */
function tasksPath(before) {
    const query = new URLSearchParams();
    if (filter() !== 'all') query.set('done', String(filter() === 'done'));
    if (before !== null) query.set('before', before);
    const search = query.toString();
    return '/tasks' + (search ? '?' + search : '');
}

/**
 * Loads tasks, with the loading indicator where the person asked:
 *   'first'   the newest page (after login, a reload of the page or a change of the filter)
 *   'refresh' the same tasks again, as many pages as are open, keeping the scroll position
 *   'older'   appends the page that follows the tasks shown
 */
async function loadTasks(how) {
    const version = how === 'older' ? listVersion : ++listVersion;
    if (how !== 'older') loading = how;
    const indicator = $({first: 'tasks-loading', refresh: 'refresh-loading', older: 'older-loading'}[how]);
    indicator.hidden = false;
    try {
        // Deletions waiting for their undo time go first: the new list would show those tasks again.
        if (how !== 'older') await sendPendingDeletes();
        const pages = [];
        let before = how === 'older' ? oldestShown : null;
        // A refresh reloads down to the oldest task shown, so the pages someone has opened stay open.
        const until = how === 'refresh' ? oldestShown : null;
        for (;;) {
            const result = await call('GET', tasksPath(before));
            if (version !== listVersion) return;
            if (result.status === 401) return expired();
            if (!result.ok) {
                notify(explain(result, 'Your tasks could not be loaded.'));
                return;
            }
            pages.push(result.body);
            const tasks = result.body.tasks;
            if (!result.body.hasMore || until === null || tasks.length === 0
                || Number(tasks[tasks.length - 1].id) <= Number(until)) break;
            before = tasks[tasks.length - 1].id;
        }
        notify('');
        const last = pages[pages.length - 1];
        if (typeof last.total === 'number' || typeof pages[0].total === 'number') {
            showTotal(typeof pages[0].total === 'number' ? pages[0].total : last.total);
        }
        showTasks(pages.flatMap((page) => page.tasks), last.hasMore, how);
    } finally {
        // A newer load of the same kind shows the same indicator: it hides it when it is done.
        const current = version === listVersion;
        if (current || how !== loading) indicator.hidden = true;
        if (current && how !== 'older') loading = null;
    }
}

/** The number of tasks the filter matches: "(3 tasks)", "(2 open tasks)", "(1 done task)". */
function showTotal(count) {
    total = count;
    const which = filter() === 'all' ? '' : filter() + ' ';
    $('tasks-total').hidden = count === null;
    $('tasks-total').textContent = count === null ? '' : `(${count} ${which}${count === 1 ? 'task' : 'tasks'})`;
}

/** Says that the list is empty, in the words of the filter; or hides that. */
function showEmpty(empty) {
    $('tasks-empty').textContent = {
        all: 'No tasks yet. Add your first one above.', open: 'No open tasks.', done: 'No done tasks.',
    }[filter()];
    $('tasks-empty').hidden = !empty;
}

function addTotal(delta) {
    if (total !== null) showTotal(Math.max(0, total + delta));
}

/** Builds the list with textContent only: whatever a user typed is shown as text, never run as HTML. */
function showTasks(tasks, hasMore, how) {
    const list = $('task-list');
    const older = $('older-tasks');
    const olderHadFocus = document.activeElement === older;
    // A task being edited keeps its form and what was typed in it; Cancel then shows the task as loaded now.
    const editing = new Map([...list.querySelectorAll('li.editing')].map((row) => [row.dataset.id, row]));
    const items = tasks.map((task) => {
        const item = taskItem(task);
        const row = editing.get(String(task.id));
        if (!row) return item;
        row.shown = item;
        return row;
    });
    if (how === 'older') {
        list.append(...items);
        announce(`${tasks.length} older ${tasks.length === 1 ? 'task' : 'tasks'} loaded.`);
    } else {
        const scroll = window.scrollY;
        list.replaceChildren(...items);
        window.scrollTo(0, scroll);
        if (how === 'refresh') announce('Tasks refreshed.');
        oldestShown = null;
    }
    if (tasks.length > 0) oldestShown = tasks[tasks.length - 1].id;
    showEmpty(list.children.length === 0);
    older.hidden = !hasMore;
    // When the button goes away under the keyboard focus, the focus goes to the first task it brought.
    if (olderHadFocus && older.hidden && items.length > 0) (items[0].querySelector('h3') || items[0].querySelector('input')).focus();
}

/** A task in the list: done or not, its title, text and date, and what can be done with it. */
function taskItem(task) {
    const item = document.createElement('li');
    item.dataset.id = task.id;
    item.classList.toggle('done', task.done);

    const done = document.createElement('input');
    done.type = 'checkbox';
    done.checked = task.done;
    done.setAttribute('aria-label', 'Done: ' + task.title);
    done.addEventListener('change', () => markDone(task, item, done));

    const body = document.createElement('div');
    body.className = 'task-body';
    const title = document.createElement('h3');
    title.tabIndex = -1;
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

    const actions = document.createElement('div');
    actions.className = 'task-actions';
    actions.append(
        button('Edit', 'secondary', 'Edit task: ' + task.title, () => editTask(task, item)),
        button('Delete', 'danger', 'Delete task: ' + task.title, () => deleteTask(task, item)));
    item.append(done, body, actions);
    return item;
}

/** A button that submits nothing; its label names what it acts on when its text alone would not. */
function button(text, className, label, onClick) {
    const made = document.createElement('button');
    made.type = 'button';
    made.className = className;
    made.textContent = text;
    if (label) made.setAttribute('aria-label', label);
    made.addEventListener('click', onClick);
    return made;
}

const GONE = 'This task no longer exists: it was deleted elsewhere.';

/** PATCH /tasks/{id} with the members that change; null when the session has expired (and the page says so). */
async function changeTask(task, change) {
    const result = await call('PATCH', '/tasks/' + encodeURIComponent(task.id), change);
    if (result.status === 401) {
        expired();
        return null;
    }
    return result;
}

/**
 * Ticks a task done or open. The box shows the new state at once and goes back if the service says no. A task that
 * no longer matches the filter stays in the list until it is loaded again, so a slip of the finger is undone where it
 * happened.
 */
function markDone(task, item, box) {
    const done = box.checked;
    const version = listVersion;
    // One change at a time per task, in the order they were made: the last one clicked is the one stored.
    item.saving = (item.saving || Promise.resolve()).then(async () => {
        const result = await changeTask(task, {done});
        if (!result || version !== listVersion) return;
        if (!result.ok) {
            box.checked = task.done;
            notify(result.status === 404 ? GONE : explain(result, 'The task could not be changed.'));
            return;
        }
        const changed = result.body.updatedTask;
        if (filter() !== 'all' && changed.done !== task.done) {
            // The total counts the tasks the filter matches: this one now does, or no longer does.
            addTotal(changed.done === (filter() === 'done') ? 1 : -1);
        }
        task.done = changed.done;
        item.classList.toggle('done', task.done);
        box.checked = task.done;
        announce(`${task.done ? 'Done' : 'Open again'}: ${task.title}`);
    });
}

let editForms = 0;

/**
 * Edits a task in place: its row becomes a form with the title and text, counted like the form that adds one.
 * Save sends only what changed; Cancel or Escape brings the task back as it was. The focus goes back to the task's
 * Edit button either way.
 */
function editTask(task, item) {
    const id = 'edit-' + (++editForms);
    const row = document.createElement('li');
    row.className = 'editing';
    row.dataset.id = task.id;
    row.shown = item;
    const close = (shown) => {
        row.replaceWith(shown);
        shown.querySelector('.task-actions button').focus();
    };
    const form = document.createElement('form');
    form.noValidate = true;
    form.setAttribute('aria-label', 'Edit task: ' + task.title);
    form.append(
        labelled(id + '-title', 'Title', fieldOf('input', id + '-title', 'title', task.title)),
        countedFoot(id + '-title'),
        labelled(id + '-text', 'Text', fieldOf('textarea', id + '-text', 'text', task.text || '')),
        countedFoot(id + '-text'));
    const error = document.createElement('p');
    error.id = id + '-error';
    error.className = 'error';
    error.setAttribute('role', 'alert');
    const save = document.createElement('button');
    save.type = 'submit';
    save.textContent = 'Save';
    const cancel = button('Cancel', 'secondary', null, () => close(row.shown));
    const buttons = document.createElement('p');
    buttons.className = 'action';
    buttons.append(save, cancel);
    form.append(error, buttons);
    row.append(form);
    item.replaceWith(row);
    watchFields(form);
    updateCounters(form);
    const title = $(id + '-title');
    title.focus();
    title.select();

    form.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') close(row.shown);
    });
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        notify('');
        clearErrors(form);
        const newTitle = title.value;
        const newText = $(id + '-text').value;
        if (showFieldErrors(form, taskProblems(newTitle, newText))) return;
        const change = {};
        if (newTitle !== task.title) change.title = newTitle;
        if (newText !== (task.text || '')) change.text = newText;
        if (Object.keys(change).length === 0) return close(row.shown);
        busy(save, async () => {
            const result = await changeTask(task, change);
            // A Refresh meanwhile kept this form (and row.shown is the task as loaded then); a logout removed it.
            if (!result || !row.isConnected) return;
            if (result.status === 422 && showFieldErrors(form, errorsOf(result))) return;
            if (!result.ok) {
                error.textContent = result.status === 404 ? GONE : explain(result, 'The task could not be saved.');
                return;
            }
            close(taskItem(result.body.updatedTask));
            announce('Task saved: ' + result.body.updatedTask.title);
        });
    });
}

function labelled(id, text, field) {
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = text;
    const fragment = document.createDocumentFragment();
    fragment.append(label, field);
    return fragment;
}

function fieldOf(tag, id, name, value) {
    const field = document.createElement(tag);
    field.id = id;
    field.name = name;
    field.value = value;
    if (tag === 'textarea') field.rows = 3;
    field.setAttribute('aria-describedby', `${id}-count ${id}-error`);
    return field;
}

/** The line under a counted field: its message and its counter, as under the form that adds a task. */
function countedFoot(id) {
    const foot = document.createElement('p');
    foot.className = 'field-foot';
    const error = document.createElement('span');
    error.id = id + '-error';
    error.className = 'field-error';
    const counter = document.createElement('span');
    counter.id = id + '-count';
    counter.className = 'counter';
    foot.append(error, counter);
    return foot;
}

/**
 * Delete with undo: the task is replaced at once by "Deleted … Undo", and the DELETE is sent only after
 * UNDO_MILLIS (or at once on Refresh or Log out), so a misclick loses nothing.
 */
function deleteTask(task, item) {
    const row = document.createElement('li');
    row.className = 'deleted';
    row.dataset.id = task.id;
    const what = document.createElement('p');
    what.textContent = 'Deleted: ' + task.title;
    const undo = button('Undo', 'secondary', 'Undo delete: ' + task.title, () => {
        const pending = pendingDeletes.get(String(task.id));
        if (!pending) return;
        clearTimeout(pending.timer);
        pendingDeletes.delete(String(task.id));
        row.replaceWith(item);
        item.querySelector('button.danger').focus();
        announce('Task restored: ' + task.title);
    });
    row.append(what, undo);
    item.replaceWith(row);
    undo.focus();
    announce(`Task deleted: ${task.title}. Undo is possible for ${UNDO_MILLIS / 1000} seconds.`);

    const version = listVersion;
    const send = async () => {
        pendingDeletes.delete(String(task.id));
        const result = await call('DELETE', '/tasks/' + encodeURIComponent(task.id));
        if (version !== listVersion) return;
        if (result.status === 401) return expired();
        if (!result.ok && result.status !== 404) {
            const hadFocus = row.contains(document.activeElement);
            row.replaceWith(item);
            if (hadFocus) item.querySelector('button.danger').focus();
            notify(explain(result, 'The task could not be deleted.'));
            return;
        }
        addTotal(-1);
        removeRow(row);
    };
    pendingDeletes.set(String(task.id), {timer: setTimeout(send, UNDO_MILLIS), send});
}

/** Removes a row; if it held the keyboard focus, the focus goes to the next task, or the one before, or the heading. */
async function removeRow(row) {
    const hadFocus = row.contains(document.activeElement);
    const next = row.nextElementSibling || row.previousElementSibling;
    row.remove();
    if (hadFocus) ((next && (next.querySelector('button.danger') || next.querySelector('button'))) || $('tasks-heading')).focus();
    const list = $('task-list');
    if (list.children.length === 0) {
        if (!$('older-tasks').hidden) await loadTasks('first');
        else showEmpty(true);
    }
}

/** Sends the deletions that wait for their undo time now (before a refresh, which would show them again). */
async function sendPendingDeletes() {
    const waiting = [...pendingDeletes.values()];
    for (const pending of waiting) clearTimeout(pending.timer);
    await Promise.all(waiting.map((pending) => pending.send()));
}

updateCounters($('task-form'));
render();
