package org.hubguard.web.api;

/** Every API error answers {@code {"error": "..."}}, as the Hugging Face Hub does. */
public record ErrorBody(String error) {
}
