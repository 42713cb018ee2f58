package org.hubguard.web;

import java.util.Iterator;

import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;

/**
 * A form posted after its view state expired (the session ended, the server restarted) is not a server
 * error: the page is shown again with a message, so the user can simply send it once more.
 */
public class ExpiredFormHandler extends ExceptionHandlerWrapper {

    public ExpiredFormHandler(ExceptionHandler wrapped) {
        super(wrapped);
    }

    @Override
    public void handle() throws FacesException {
        for (Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator(); events.hasNext(); ) {
            Throwable exception = events.next().getContext().getException();
            if (exception instanceof ViewExpiredException expired) {
                events.remove();
                Pages.error(null, "This form had expired (you were away for a while, or hubguard restarted); please send it again.");
                String page = expired.getViewId() == null ? "/" : expired.getViewId().replaceAll("\\.xhtml$", "");
                Pages.redirect(page.equals("/index") ? "/" : page);
                FacesContext.getCurrentInstance().responseComplete();
            }
        }
        getWrapped().handle();
    }

    /** Registered in faces-config.xml. */
    public static class Factory extends ExceptionHandlerFactory {

        public Factory(ExceptionHandlerFactory wrapped) {
            super(wrapped);
        }

        @Override
        public ExceptionHandler getExceptionHandler() {
            return new ExpiredFormHandler(getWrapped().getExceptionHandler());
        }
    }
}
