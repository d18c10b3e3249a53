package io.ferry.nvmf.host;

/**
 * A controller and, when the address named one, a namespace, as {@link NvmeBackend#identify} read them.
 *
 * @param controller the controller
 * @param namespace  the namespace, or null when the address named none
 */
public record NvmeIdentity(ControllerInfo controller, NamespaceInfo namespace) {
}
