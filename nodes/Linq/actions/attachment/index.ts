import deleteAttachment from './delete.operation';
import download from './download.operation';
import get from './get.operation';
import upload from './upload.operation';

/** The Attachment resource's operations; each is declared in its own file. */
export const attachmentOperations = [upload, get, download, deleteAttachment];
