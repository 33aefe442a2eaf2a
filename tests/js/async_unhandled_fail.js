// An error thrown in an async function that nobody handles is reported
// (HostPromiseRejectionTracker) and the process fails; a handled one is not.
async function fails() { await null; throw new Error("unhandled in async"); }
async function handled() { try { await fails(); } catch (e) { console.log("handled:", e.message); } }
handled();
fails();
console.log("sync end");
