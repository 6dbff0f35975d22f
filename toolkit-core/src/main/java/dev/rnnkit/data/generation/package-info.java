/**
 * Next-token text generation data: fixed-length char or word sequences cut from a file or a folder.
 */
package dev.rnnkit.data.generation;
