// naudiodon2's index.js calls registerHandler() at load time; doing nothing here keeps the
// NAN addon out of the app while leaving naudiodon2's own N-API addon untouched.
module.exports = { registerHandler() {}, causeSegfault() {} };
