/** PayU's hashes, form bodies and amount conversion; not API. */
package dev.bizo.payments.payu.internal;
