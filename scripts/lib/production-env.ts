// Imported first: React picks its development or production build when it is first loaded, and
// react-dom/server in the app build must agree with it.
process.env.NODE_ENV = "production";
