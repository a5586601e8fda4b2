/** Small programs that show the library's Java API; each is runnable with {@code java -cp}. */
package io.ib.examples;
