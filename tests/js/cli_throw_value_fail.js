// A thrown non-error value is shown as console.log shows it.
throw { code: 7, list: [1, "two"] };
