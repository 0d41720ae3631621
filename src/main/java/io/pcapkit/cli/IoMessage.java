package io.pcapkit.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * One line for an I/O error: Java's file-system exceptions often carry only the path
 * ({@code pcapkit: /dev/null}), so the line says what went wrong with it too.
 */
final class IoMessage {
    private IoMessage() {
    }

    static String of(IOException e) {
        if (!(e instanceof FileSystemException f)) return e.getMessage();
        String reason = f.getReason();
        if (reason == null) reason = reason(f);
        String file = f.getFile() == null ? "" : f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": ";
        return file + reason;
    }

    private static String reason(FileSystemException f) {
        if (f instanceof NoSuchFileException) return "no such file or folder";
        if (f instanceof FileAlreadyExistsException) return "already exists, and is not a folder";
        if (f instanceof NotDirectoryException) return "not a folder";
        if (f instanceof AccessDeniedException) return "permission denied";
        if (f instanceof DirectoryNotEmptyException) return "folder not empty";
        return f.getClass().getSimpleName();
    }
}
