/** Layer 3 (optim): optimisers that update a model's flat parameter vector in place. */
package io.ib.optim;
